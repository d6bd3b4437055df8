package dev.spotsim.simulator.imds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.clock.ManualClock;
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
 * botocore (what boto3 and the AWS CLI v1 use) and the AWS CLI against the simulator, IMDSv2 required,
 * configured only by the endpoint value spotsim advertises. Needs Debian's python3-botocore and awscli.
 */
class SdkAgainstImdsFromPythonTest {
    // Near the real time: botocore compares credential expiry with the wall clock.
    private final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.HOURS));
    private SpotSim sim;
    /** botocore's defaults (1 s, one attempt) are for a real instance; a busy CI machine needs more slack. */
    private static final Map<String, String> PATIENT = Map.of("AWS_METADATA_SERVICE_TIMEOUT", "10", "AWS_METADATA_SERVICE_NUM_ATTEMPTS", "3");

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

    @Test
    void botocoreResolvesRoleCredentialsRegionAndReadsTheNotice() throws Exception {
        assumeThat(ExternalClient.works(home, "python3", "-c", "import botocore")).as("needs python3 with botocore (apt-get install python3-botocore)").isTrue();
        sim.interrupt();
        String out = ExternalClient.run(home, sim.imdsEndpoint(), PATIENT, Duration.ofMinutes(2), List.of("python3",
                ExternalClient.script(home, "botocore_imds.py").toString(), "latest/meta-data/spot/instance-action",
                "latest/meta-data/instance-id", "latest/dynamic/instance-identity/document"));
        JsonNode r = new ObjectMapper().readTree(out);
        assertThat(r.get("endpoint").asText()).isEqualTo(sim.imdsEndpoint());
        assertThat(r.get("method").asText()).isEqualTo("iam-role");
        assertThat(r.get("accessKey").asText()).startsWith("ASIA").hasSize(20);
        assertThat(r.get("region").asText()).isEqualTo("us-east-1");
        assertThat(r.get("latest/meta-data/spot/instance-action").asText())
                .isEqualTo("{\"action\": \"terminate\", \"time\": \"" + clock.now().plusSeconds(120) + "\"}");
        assertThat(r.get("latest/meta-data/instance-id").asText()).isEqualTo(sim.firstInstanceId());
        assertThat(new ObjectMapper().readTree(r.get("latest/dynamic/instance-identity/document").asText()).get("instanceId").asText())
                .isEqualTo(sim.firstInstanceId());
    }

    @Test
    void theAwsCliFindsTheInstanceRoleCredentials() throws Exception {
        assumeThat(ExternalClient.works(home, "aws", "--version")).as("needs the aws command (apt-get install awscli)").isTrue();
        String out = ExternalClient.run(home, sim.imdsEndpoint(), PATIENT, Duration.ofMinutes(2), List.of("aws", "configure", "list"));
        String accessKey = InstanceCredentials.document(sim.instances().get(0).identity(), clock.now()).get("AccessKeyId");
        assertThat(out.lines().filter(l -> l.trim().startsWith("access_key")).findFirst().orElse(""))
                .contains(accessKey.substring(accessKey.length() - 4)).contains("iam-role");
    }
}
