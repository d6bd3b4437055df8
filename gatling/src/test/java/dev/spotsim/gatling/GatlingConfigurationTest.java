package dev.spotsim.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.gatling.core.config.GatlingConfiguration;
import io.gatling.core.stats.writer.DataWriterType;

/** The configuration Gatling reads from our classpath: no outbound call, a 10 s request timeout. */
class GatlingConfigurationTest {
    private final GatlingConfiguration configuration = GatlingConfiguration.load();

    @Test
    void makesNoOutboundCall() {
        assertThat(configuration.data().enableAnalytics()).isFalse();
        // Also covers a user's Simulation that does not call disableWarmUp().
        assertThat(configuration.http().warmUpUrl().isEmpty()).isTrue();
    }

    @Test
    void timesRequestsOutAfterTenSecondsAndKeepsTheReportLog() {
        assertThat(Duration.ofMillis(configuration.http().requestTimeout().toMillis())).isEqualTo(Duration.ofSeconds(10));
        assertThat(configuration.data().fileDataWriterEnabled()).isTrue();
        assertThat(configuration.data().dataWriters().contains(DataWriterType.Console$.MODULE$)).isFalse();
    }
}
