package dev.spotsim.simulator.workload.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.simulator.RawHttp;
import dev.spotsim.simulator.SpotSim;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bridge hop in front of a real simulated IMDS: hop limit 1 swallows the token answer, 2 lets it through. */
class BridgeHopTest {
    private SpotSim sim;
    private BridgeHop hop;

    @BeforeEach
    void start() {
        sim = SpotSim.builder().tokensRequired(false).start();
    }

    @AfterEach
    void stop() {
        if (hop != null) {
            hop.close();
        }
        sim.close();
    }

    @Test
    void withHopLimitOneATokenRequestFromTheBridgeGetsNoAnswerButImdsV1ReadsStillWork() throws Exception {
        hop = new BridgeHop(sim.imdsEndpoint(), 1);
        RawHttp container = new RawHttp(hop.endpoint());

        assertThatThrownBy(() -> container.send("PUT", "/latest/api/token", null, Duration.ofMillis(1500),
                "X-aws-ec2-metadata-token-ttl-seconds", "60"))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(container.get("/latest/meta-data/instance-id").body()).isEqualTo(sim.firstInstanceId());
    }

    @Test
    void withHopLimitTwoTheTokenComesThroughWithItsTtlHeaderAndWorks() throws Exception {
        hop = new BridgeHop(sim.imdsEndpoint(), 2);
        RawHttp container = new RawHttp(hop.endpoint());

        var answer = container.send("PUT", "/latest/api/token", null, "X-aws-ec2-metadata-token-ttl-seconds", "60");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-aws-ec2-metadata-token-ttl-seconds")).hasValue("60");
        assertThat(container.get("/latest/meta-data/instance-id", "X-aws-ec2-metadata-token", answer.body()).body())
                .isEqualTo(sim.firstInstanceId());
        assertThat(container.get("/latest/meta-data/nope").statusCode()).isEqualTo(404);
    }
}
