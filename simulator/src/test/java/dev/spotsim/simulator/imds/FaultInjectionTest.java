package dev.spotsim.simulator.imds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.simulator.RawHttp;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.instance.Faults;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each fault mode, as a client sees it. */
class FaultInjectionTest {
    private SpotSim sim;
    private RawHttp imds;

    @BeforeEach
    void start() {
        sim = SpotSim.builder().start();
        imds = new RawHttp(sim.imdsEndpoint());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private void inject(Faults faults) {
        sim.fleet().setFaults(sim.firstInstanceId(), faults);
    }

    @Test
    void delayHoldsEveryAnswerBack() {
        inject(new Faults(Duration.ofMillis(300), 0, 0, 0));
        long started = System.nanoTime();
        assertThat(imds.get("/latest/meta-data/instance-id").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void errorRateOfOneFailsEveryRequestWithTheChosenStatus() {
        inject(new Faults(Duration.ZERO, 429, 1.0, 0));
        for (int i = 0; i < 20; i++) {
            assertThat(imds.get("/latest/meta-data/instance-id").statusCode()).isEqualTo(429);
        }
        assertThat(imds.send("PUT", "/latest/api/token", null, "X-aws-ec2-metadata-token-ttl-seconds", "60").statusCode()).isEqualTo(429);
    }

    @Test
    void partialErrorRateMixesFailuresAndAnswers() {
        inject(new Faults(Duration.ZERO, 503, 0.5, 0));
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            counts.merge(imds.get("/latest/meta-data/instance-id").statusCode(), 1, Integer::sum);
        }
        assertThat(counts.keySet()).containsExactlyInAnyOrder(200, 503);
        // 200 draws at p=0.5: fewer than 60 of either is a 1-in-10^8 event.
        assertThat(counts.get(503)).isBetween(60, 140);
    }

    @Test
    void timeoutRateLeavesRequestsUnanswered() {
        inject(new Faults(Duration.ZERO, 0, 0, 1.0));
        assertThatThrownBy(() -> imds.send("GET", "/latest/meta-data/instance-id", null, Duration.ofMillis(500)))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void clearingFaultsRestoresNormalAnswers() {
        inject(new Faults(Duration.ZERO, 500, 1.0, 0));
        assertThat(imds.get("/latest/meta-data/instance-id").statusCode()).isEqualTo(500);
        inject(Faults.none());
        assertThat(imds.get("/latest/meta-data/instance-id").statusCode()).isEqualTo(200);
    }
}
