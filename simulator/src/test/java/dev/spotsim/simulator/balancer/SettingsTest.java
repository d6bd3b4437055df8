package dev.spotsim.simulator.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Target group settings: ALB's defaults, the success-code matcher, and messages for bad values. */
class SettingsTest {
    @Test
    void defaultsAreAlbs() {
        TargetGroupSettings s = TargetGroupSettings.albDefaults();
        HealthCheckSettings hc = s.healthCheck();
        assertThat(hc.path()).isEqualTo("/");
        assertThat(hc.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(hc.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(hc.healthyThreshold()).isEqualTo(5);
        assertThat(hc.unhealthyThreshold()).isEqualTo(2);
        assertThat(hc.successCodes()).hasToString("200");
        assertThat(s.deregistrationDelay()).isEqualTo(Duration.ofSeconds(300));
        assertThat(s.targetTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.algorithm()).isEqualTo(RoutingAlgorithm.ROUND_ROBIN);
    }

    @Test
    void successCodesTakeListsAndRanges() {
        SuccessCodes codes = SuccessCodes.parse("200,202, 300-399");
        assertThat(codes.matches(200)).isTrue();
        assertThat(codes.matches(201)).isFalse();
        assertThat(codes.matches(202)).isTrue();
        assertThat(codes.matches(302)).isTrue();
        assertThat(codes.matches(404)).isFalse();
        assertThat(codes).hasToString("200,202,300-399");
        assertThat(SuccessCodes.parse("200-399")).isEqualTo(new HealthCheckSettings("/", Duration.ofSeconds(2), Duration.ofSeconds(1),
                2, 2, 200, 399).successCodes());
    }

    @Test
    void badSuccessCodesSayWhatIsWrong() {
        assertThatThrownBy(() -> SuccessCodes.parse("ok")).hasMessageContaining("\"ok\" in \"ok\" is not an HTTP code");
        assertThatThrownBy(() -> SuccessCodes.parse("200-599")).hasMessageContaining("200-599 is outside 200..499");
        assertThatThrownBy(() -> SuccessCodes.parse("399-200")).hasMessageContaining("399-200 runs backwards");
        assertThatThrownBy(() -> SuccessCodes.parse("200-300-400")).hasMessageContaining("not a code or a range");
        assertThatThrownBy(() -> SuccessCodes.parse(" ")).hasMessageContaining("expected codes like");
    }

    @Test
    void badHealthChecksAndDelaysAreRefused() {
        HealthCheckSettings hc = HealthCheckSettings.albDefaults();
        assertThatThrownBy(() -> hc.withTiming(Duration.ofSeconds(5), Duration.ofSeconds(5)))
                .hasMessageContaining("timeout (5000 ms) must be shorter than its interval (5000 ms)");
        assertThatThrownBy(() -> hc.withThresholds(0, 2)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> hc.withPath("health")).hasMessageContaining("starting with \"/\"");
        assertThatThrownBy(() -> new TargetGroupSettings(hc, Duration.ofSeconds(3601), null))
                .hasMessageContaining("deregistrationDelay: ALB allows 0..3600s");
        assertThatThrownBy(() -> new TargetGroupSettings(hc, null, Duration.ZERO)).hasMessageContaining("targetTimeout");
    }

    @Test
    void traceIdsFollowAlbsFormat() {
        assertThat(TraceIds.forward(null, 0x67891233L)).matches("Root=1-67891233-[0-9a-f]{24}");
        assertThat(TraceIds.forward("Root=1-1-abc;Self=1-2-old;Custom=x", 0x10L)).matches("Self=1-00000010-[0-9a-f]{24};Root=1-1-abc;Custom=x");
        assertThat(TraceIds.forward("Custom=x", 0x10L)).matches("Root=1-00000010-[0-9a-f]{24};Custom=x");
        assertThat(TraceIds.newId(1)).isNotEqualTo(TraceIds.newId(1));
    }
}
