package dev.spotsim.simulator.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.simulator.SpotSim;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's botocore (query protocol for SQS) as a child process: an older client's round trip and error. */
class SqsBotocoreClientTest {
    private static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

    @Test
    void debiansBotocoreSendsReceivesAndDeletesThroughTheQueryProtocol(@TempDir Path dir) throws Exception {
        assumeThat(Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/botocore")) && Files.isExecutable(DEBIAN_PYTHON))
                .as("needs Debian's python3-botocore (apt-get install python3-botocore)").isTrue();
        Path script = dir.resolve("botocore_sqs.py");
        try (InputStream in = getClass().getResourceAsStream("/clients/botocore_sqs.py")) {
            Files.copy(in, script);
        }
        try (SpotSim sim = SpotSim.builder().instances(1).start()) {
            String endpoint = "http://127.0.0.1:" + sim.controlPort();
            ProcessBuilder pb = new ProcessBuilder(DEBIAN_PYTHON.toString(), script.toString(), endpoint).directory(dir.toFile())
                    .redirectError(dir.resolve("stderr.log").toFile());
            // Nothing from the developer's environment may steer the client elsewhere.
            pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("PYTHON"));
            pb.environment().put("AWS_CONFIG_FILE", dir.resolve("none").toString());
            pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString());
            pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(dir.resolve("stderr.log"))).isZero();
            JsonNode r = new ObjectMapper().readTree(out);
            assertThat(r.get("protocol").asText()).as("Debian's botocore 1.29 models SQS as query").isEqualTo("query");
            assertThat(r.get("url").asText()).isEqualTo(endpoint + "/123456789012/boto");
            assertThat(r.get("sentMd5").asText()).isEqualTo(SqsJsonProtocolTest.md5("a&b<c>"));
            assertThat(r.get("body").asText()).isEqualTo("a&b<c>");
            assertThat(r.get("attribute").asText()).isEqualTo("42");
            assertThat(r.get("receiveCount").asText()).isEqualTo("1");
            assertThat(r.get("arn").asText()).isEqualTo("arn:aws:sqs:eu-west-1:123456789012:boto");
            assertThat(r.get("missing").asText()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
        }
    }
}
