package dev.spotsim.simulator.imds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.clock.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS SDK for JavaScript v3's metadata clients against the simulator: @aws-sdk/ec2-metadata-service
 * joins the endpoint's path with "/latest/...", so with the advertised value every request starts "//".
 * Needs node and npm; the packages are installed once into target/node-imds (never committed).
 */
class SdkAgainstImdsFromNodeTest {
    static final Path MODULES = Path.of("target", "node-imds");
    private final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.HOURS));
    private SpotSim sim;

    @TempDir
    Path home;

    @BeforeEach
    void start() {
        sim = SpotSim.builder().clock(clock).tokensRequired(true).start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    /** Installs the two packages the first time (needs the npm registry), so CI runs this test too. */
    private static boolean packagesReady() throws Exception {
        Path installed = MODULES.resolve("node_modules/@aws-sdk/ec2-metadata-service");
        if (!Files.isDirectory(installed)) {
            Files.createDirectories(MODULES);
            ExternalClient.works(MODULES, "npm", "install", "--no-audit", "--no-fund", "--silent",
                    "@smithy/credential-provider-imds@4.5.2", "@aws-sdk/ec2-metadata-service@3.1164.0");
        }
        return Files.isDirectory(installed) && Files.isDirectory(MODULES.resolve("node_modules/@smithy/credential-provider-imds"));
    }

    @Test
    void theJavascriptSdkResolvesCredentialsAndReadsTheNoticeThroughTheAdvertisedEndpoint() throws Exception {
        assumeThat(ExternalClient.works(home, "node", "--version")).as("needs node (apt-get install nodejs npm)").isTrue();
        assumeThat(packagesReady()).as("needs npm to install @aws-sdk/ec2-metadata-service into " + MODULES).isTrue();
        sim.interrupt();
        String out = ExternalClient.run(home, sim.imdsEndpoint(), Map.of("NODE_PATH", MODULES.resolve("node_modules").toAbsolutePath().toString()),
                Duration.ofMinutes(2), List.of("node", ExternalClient.script(home, "node_imds.js").toString(),
                        "/latest/meta-data/spot/instance-action", "/latest/meta-data/instance-id"));
        JsonNode r = new ObjectMapper().readTree(out);
        assertThat(r.get("accessKeyId").asText()).startsWith("ASIA");
        assertThat(Instant.parse(r.get("expiration").asText())).isAfter(clock.now());
        assertThat(r.get("/latest/meta-data/spot/instance-action").asText())
                .isEqualTo("{\"action\": \"terminate\", \"time\": \"" + clock.now().plusSeconds(120) + "\"}");
        assertThat(r.get("/latest/meta-data/instance-id").asText()).isEqualTo(sim.firstInstanceId());
    }
}
