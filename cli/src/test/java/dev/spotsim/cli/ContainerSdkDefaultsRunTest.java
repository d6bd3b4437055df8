package dev.spotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.simulator.credentials.TaskRoleCredentials;
import dev.spotsim.simulator.workload.container.DockerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unmodified AWS SDK for Java v2 inside a container on the ecs-ec2 lane (issue 10 §5): the sample
 * spotsim-samples/sdk-defaults:local sets no endpoint in code. Ec2MetadataClient.create() finds the instance's IMDS
 * through AWS_EC2_METADATA_SERVICE_ENDPOINT and reads the notice; DefaultCredentialsProvider gets the task role's
 * credentials from spotsim's container credentials endpoint through AWS_CONTAINER_CREDENTIALS_FULL_URI and
 * AWS_CONTAINER_AUTHORIZATION_TOKEN. Everything is judged from the container's own log.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ContainerSdkDefaultsRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String IMAGE = "spotsim-samples/sdk-defaults:local";
    private static final String ROLE = "arn:aws:iam::123456789012:role/orders-task-role";
    private static final Pattern CREDENTIALS = Pattern.compile("credentials: AccessKeyId=(\\S+) session token: (\\S+)");
    private static final Pattern NOTICE = Pattern.compile("interruption notice: (\\{.*}) read at (\\S+)");

    @TempDir
    Path out;
    private DockerEngine engine;

    @BeforeEach
    void engine() throws IOException {
        engine = ContainerEngine.require(List.of(IMAGE));
    }

    @AfterEach
    void noContainerIsLeft() {
        ContainerEngine.assertNoneLeft(engine);
    }

    private static final String SCENARIO = """
            name: sdk-defaults
            fleet:
              group: {name: web, desired: 2, launchDelay: 2s, capacityRebalance: false}
              pools: [{type: c5.large, az: us-east-1a}, {type: m5.large, az: us-east-1b}]
              imdsv2: required
            workload:
              lane: ecs-ec2
              # ECS bridge mode, with the hop limit AWS recommends for containers (1 would swallow the SDK's token PUT).
              container: {image: "%s", pull: never, httpPutResponseHopLimit: 2, taskRoleArn: "%s", env: {POLL_MS: "300"}}
              stopTimeout: 5s
              healthCheck: {path: /health, interval: 500ms, timeout: 400ms, healthyThreshold: 2, unhealthyThreshold: 2}
            loadBalancer: {deregistrationDelay: 2s}
            load: {rps: 5, duration: 25s, requests: [{name: home, path: /}]}
            interruptions:
              - {at: 4s, notice: 20s, select: {count: 1}}
            slos:
              killedWorkloads: "== 0"
              failedRequests.count: "== 0"
            seed: 3
            """.formatted(IMAGE, ROLE);

    @Test
    void anUnmodifiedSdkReadsTheNoticeFromImdsAndGetsItsTaskRoleCredentialsFromTheContainerEndpoint() throws IOException {
        Path file = Files.writeString(out.resolve("sdk.yaml"), SCENARIO);
        Cli cli = Cli.run("run", file.toString(), "--out", out.resolve("runs").toString(), "--workdir", REPO.toString(), "--quiet");
        Path dir;
        try (Stream<Path> dirs = Files.list(out.resolve("runs"))) {
            dir = dirs.filter(Files::isDirectory).findFirst().orElseThrow(() -> new AssertionError("no run directory: " + cli));
        }
        JsonNode run = JSON.readTree(dir.resolve("run.json").toFile());
        assertThat(cli.exitCode).as("%s%n%s", cli, run.toPrettyString()).isZero();

        JsonNode noticed = null;
        List<String> accessKeys = new ArrayList<>();
        for (JsonNode task : run.path("workloads")) {
            String taskId = task.path("workloadId").asText();
            String log = Files.readString(dir.resolve("logs").resolve(taskId + ".log"));
            accessKeys.add(assertCredentialsServedFor(taskId, log));
            if (task.hasNonNull("notice")) {
                noticed = task;
            }
        }
        assertThat(noticed).as("a task whose instance got the notice in%n%s", run.toPrettyString()).isNotNull();
        assertThat(accessKeys).as("each task has credentials of its own").hasSize(run.path("workloads").size()).doesNotHaveDuplicates();

        String log = Files.readString(dir.resolve("logs").resolve(noticed.path("workloadId").asText() + ".log"));
        assertTheNoticeWasReadAfterTheInterruption(log, noticed, run);
        assertThat(noticed.path("stopSignal").asText()).isEqualTo("SIGTERM");
        assertThat(noticed.path("killed").isNull()).as("it drained: %s", noticed).isTrue();
        assertThat(log).contains("SIGTERM: stopping");
    }

    /** The SDK's credentials are the ones spotsim's endpoint serves for this task and role; returns the AccessKeyId. */
    private static String assertCredentialsServedFor(String taskId, String log) {
        Matcher m = CREDENTIALS.matcher(log);
        assertThat(m.find()).as("the SDK resolved credentials in %s's log:%n%s", taskId, log).isTrue();
        // The endpoint's credentials are fixed per task, role and hour: the hour the task fetched them, or the one before.
        Instant now = Instant.now();
        List<String> served = Stream.of(now, now.minus(Duration.ofHours(1)))
                .map(at -> TaskRoleCredentials.document(taskId, ROLE, at).get("AccessKeyId")).toList();
        assertThat(m.group(1)).as("AccessKeyId of %s", taskId).isIn(served).startsWith("ASIA");
        assertThat(m.group(2)).as("task-role credentials carry a session token").isEqualTo("yes");
        return m.group(1);
    }

    private static void assertTheNoticeWasReadAfterTheInterruption(String log, JsonNode task, JsonNode run) throws IOException {
        assertThat(log).contains("no interruption notice yet (404)");
        Matcher m = NOTICE.matcher(log);
        assertThat(m.find()).as("the notice in the log:%n%s", log).isTrue();
        assertThat(log.indexOf("no interruption notice yet (404)")).as("404 before the notice").isLessThan(m.start());
        JsonNode action = JSON.readTree(m.group(1));
        assertThat(action.path("action").asText()).isEqualTo("terminate");
        Instant actionTime = actionTimeOf(task.path("instanceId").asText(), run);
        assertThat(Instant.parse(action.path("time").asText())).isEqualTo(actionTime.truncatedTo(ChronoUnit.SECONDS));
        assertThat(Instant.parse(m.group(2))).as("read once the notice was out").isAfterOrEqualTo(Instant.parse(task.path("notice").asText()));
    }

    /** The action time of the instance's notice, from the run's timeline ("terminate at 2026-...Z"). */
    private static Instant actionTimeOf(String instanceId, JsonNode run) {
        for (JsonNode e : run.path("timeline")) {
            if (e.path("kind").asText().equals("notice") && instanceId.equals(e.path("instanceId").asText())) {
                return Instant.parse(e.path("detail").asText().replaceFirst("^\\w+ at ", ""));
            }
        }
        throw new AssertionError("no notice for " + instanceId + " in " + run.path("timeline").toPrettyString());
    }
}
