package dev.spotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.simulator.workload.container.DockerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spotsim run} with real containers on the other lanes (issue 10): Fargate Spot's SIGTERM at the notice and
 * SIGKILL at stopTimeout, EKS's preStop exec inside the container, IMDSv2 behind a hop limit of 1, and a Batch
 * attempt that dies with its host and is retried. Sample images from examples/containers/build-images.sh.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ContainerLanesRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String EXEC = "spotsim-samples/drain-aware:exec";
    private static final String SHELL = "spotsim-samples/drain-aware:shell";
    private static final String BATCH = "spotsim-samples/batch-worker:local";

    @TempDir
    Path out;
    private DockerEngine engine;

    @BeforeEach
    void engine() throws IOException {
        engine = ContainerEngine.require(List.of(EXEC, SHELL, BATCH));
    }

    @AfterEach
    void noContainerIsLeft() {
        ContainerEngine.assertNoneLeft(engine);
    }

    private record Outcome(Cli cli, Path dir, JsonNode run) {
        /** The task records whose instance got a notice. */
        List<JsonNode> noticed() {
            List<JsonNode> found = new ArrayList<>();
            run.path("workloads").forEach(w -> {
                if (w.hasNonNull("notice")) {
                    found.add(w);
                }
            });
            assertThat(found).as("tasks with a notice in%n%s%n%s", cli, run.toPrettyString()).isNotEmpty();
            return found;
        }

        String log(JsonNode task) throws IOException {
            return Files.readString(dir.resolve("logs").resolve(task.path("workloadId").asText() + ".log"));
        }
    }

    private Outcome run(String yaml) throws IOException {
        Path file = Files.writeString(out.resolve("c.yaml"), yaml);
        Cli r = Cli.run("run", file.toString(), "--out", out.resolve("runs").toString(), "--workdir", REPO.toString(), "--quiet");
        Path dir;
        try (Stream<Path> dirs = Files.list(out.resolve("runs"))) {
            dir = dirs.filter(Files::isDirectory).findFirst().orElseThrow(() -> new AssertionError("no run directory: " + r));
        }
        return new Outcome(r, dir, JSON.readTree(dir.resolve("run.json").toFile()));
    }

    private static Instant at(JsonNode task, String field) {
        assertThat(task.hasNonNull(field)).as("%s in %s", field, task).isTrue();
        return Instant.parse(task.path(field).asText());
    }

    private static String fargate(String image) {
        return """
                name: fargate-container
                fleet:
                  group: {name: tasks, desired: 2, launchDelay: 2s, capacityRebalance: false}
                  pools: [{type: fargate.vcpu1, az: us-east-1a}, {type: fargate.vcpu1, az: us-east-1b}]
                workload:
                  lane: fargate-spot
                  container: {image: "%s", pull: never, env: {WATCH_IMDS: "false", DRAIN_GRACE_MS: "1000"}}
                  stopTimeout: 3s
                  healthCheck: {path: /health, interval: 500ms, timeout: 400ms, healthyThreshold: 2, unhealthyThreshold: 2}
                loadBalancer: {deregistrationDelay: 1s}
                load: {rps: 5, duration: 20s, requests: [{name: home, path: /}]}
                interruptions:
                  - {at: 3s, notice: 12s, select: {count: 1}}
                slos:
                  killedWorkloads: "== 0"
                seed: 9
                """.formatted(image);
    }

    @Test
    void onFargateSpotAShellFormImageGetsSigtermAtTheNoticeAndIsKilledWith137AtStopTimeoutNotAtTheAction() throws IOException {
        Outcome o = run(fargate(SHELL));

        JsonNode task = o.noticed().get(0);
        assertThat(o.cli().exitCode).as(o.cli().toString()).isEqualTo(2);
        assertThat(task.path("stopSignal").asText()).isEqualTo("SIGTERM");
        assertSigtermAtTheNotice(task);
        Duration graceUsed = Duration.between(at(task, "sigterm"), at(task, "killed"));
        assertThat(graceUsed).as("SIGKILL at stopTimeout after the SIGTERM, not at the action 12 s later")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(3)).isLessThan(Duration.ofSeconds(6));
        assertThat(task.path("exitCode").asInt()).isEqualTo(137);
        assertThat(task.path("explanation").asText()).startsWith("exit 137 at its 3s deadline: PID 1 did not exit on SIGTERM")
                .contains("shell form");
    }

    @Test
    void onFargateSpotAnExecFormImageExitsOnSigtermBeforeStopTimeout() throws IOException {
        Outcome o = run(fargate(EXEC));

        JsonNode task = o.noticed().get(0);
        assertThat(o.cli().exitCode).as("%s%n%s", o.cli(), task).isZero();
        assertSigtermAtTheNotice(task);
        assertThat(task.path("exitCode").asInt()).isIn(0, 143);
        assertThat(task.path("killed").isNull()).isTrue();
        assertThat(at(task, "exited")).isBefore(at(task, "sigterm").plusSeconds(3));
        assertThat(task.path("explanation").isNull()).isTrue();
    }

    /** Fargate sends SIGTERM with the notice (within the platform's reaction), not at the action 12 s later. */
    private static void assertSigtermAtTheNotice(JsonNode task) {
        assertThat(at(task, "sigterm")).as("SIGTERM at the notice: %s", task)
                .isAfterOrEqualTo(at(task, "notice")).isBefore(at(task, "notice").plusSeconds(3));
    }

    private static String eks(String preStop, int gracePeriod) {
        return eks(EXEC, preStop, gracePeriod);
    }

    private static String eks(String image, String preStop, int gracePeriod) {
        return """
                name: eks-container
                fleet:
                  group: {name: nodes, desired: 2, launchDelay: 2s, capacityRebalance: false}
                  pools: [{type: m5.large, az: us-east-1a}, {type: m5a.large, az: us-east-1b}]
                workload:
                  lane: eks-nth
                  container: {image: "%s", pull: never, env: {WATCH_IMDS: "false", DRAIN_GRACE_MS: "500"}}
                  preStop: {command: '%s'}
                  terminationGracePeriod: %ds
                  healthCheck: {path: /health, interval: 500ms, timeout: 400ms, healthyThreshold: 2, unhealthyThreshold: 2}
                loadBalancer: {deregistrationDelay: 1s}
                load: {rps: 5, duration: 22s, requests: [{name: home, path: /}]}
                interruptions:
                  - {at: 3s, notice: 15s, select: {count: 1}}
                slos:
                  killedWorkloads: "== 0"
                seed: 5
                """.formatted(image, preStop, gracePeriod);
    }

    @Test
    void onEksThePreStopHookRunsInsideTheContainerBeforeSigterm() throws IOException {
        // The hook writes to PID 1's stdout, which only a process inside the container can reach: its line lands in the container's log.
        Outcome o = run(eks("echo prestop-ran-in-$(hostname) > /proc/1/fd/1; sleep 1", 12));

        JsonNode task = o.noticed().get(0);
        assertThat(o.cli().exitCode).as("%s%n%s", o.cli(), task).isZero();
        String log = o.log(task);
        assertThat(log).contains("prestop-ran-in-");
        assertThat(log.indexOf("prestop-ran-in-")).as("preStop's line comes before the service's reaction to SIGTERM in%n%s", log)
                .isLessThan(Math.max(log.toLowerCase().lastIndexOf("sigterm"), log.length()));
        assertThat(at(task, "sigterm")).as("SIGTERM only after the 1 s hook").isAfterOrEqualTo(at(task, "detected").plusSeconds(1));
        assertThat(task.path("killed").isNull()).isTrue();
        assertThat(o.run().toString()).contains("preStop exited 0");
    }

    @Test
    void onEksAHangingPreStopLeavesSigkillAtTheGracePeriodCountedFromThePreStopStart() throws IOException {
        // The shell-form image ignores SIGTERM, so SIGKILL shows when the kubelet's deadline falls.
        Outcome o = run(eks(SHELL, "sleep 30", 4));

        JsonNode task = o.noticed().get(0);
        assertThat(o.cli().exitCode).as(o.cli().toString()).isEqualTo(2);
        Instant preStopStart = at(task, "detected");
        assertThat(at(task, "sigterm")).as("SIGTERM only once the hook gave up: %s", task).isAfterOrEqualTo(preStopStart.plusSeconds(4));
        assertThat(Duration.between(at(task, "sigterm"), at(task, "killed")))
                .as("the grace period is not restarted at SIGTERM: only the kubelet's one-off 2 s extension follows it: %s", task)
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(3));
        assertThat(o.run().toString()).contains("preStop still running at the end of its 4s grace period");
        assertThat(task.path("exitCode").asInt()).isEqualTo(137);
    }

    @Test
    void withHopLimitOneAndImdsv2RequiredTheContainerNeverSeesTheNoticeAndTheRecordSaysWhy() throws IOException {
        Outcome o = run("""
                name: hop-limit-1
                fleet:
                  group: {name: web, desired: 2, launchDelay: 2s, capacityRebalance: false}
                  pools: [{type: c5.large, az: us-east-1a}, {type: m5.large, az: us-east-1b}]
                  imdsv2: required
                workload:
                  lane: app
                  container: {image: "%s", pull: never, network: bridge, httpPutResponseHopLimit: 1, env: {DRAIN_GRACE_MS: "1000"}}
                  healthCheck: {path: /health, interval: 500ms, timeout: 400ms, healthyThreshold: 2, unhealthyThreshold: 2}
                loadBalancer: {deregistrationDelay: 1s}
                load: {rps: 5, duration: 18s, requests: [{name: home, path: /}]}
                interruptions:
                  - {at: 3s, notice: 8s, select: {count: 1}}
                slos:
                  killedWorkloads: "== 0"
                seed: 42
                """.formatted(EXEC));

        JsonNode task = o.noticed().get(0);
        assertThat(o.cli().exitCode).as(o.cli().toString()).isEqualTo(2);
        assertThat(task.path("sigterm").isNull()).as("nobody stopped it").isTrue();
        assertThat(task.path("exitCode").asInt()).isEqualTo(137);
        assertThat(o.log(task)).doesNotContainIgnoringCase("interruption notice");
        assertThat(task.path("explanation").asText()).contains("at the action time")
                .contains("PUT /latest/api/token").contains("httpPutResponseHopLimit 1").contains("httpPutResponseHopLimit: 2");
    }

    @Test
    void onBatchTheAttemptDiesAtTheActionAndIsRetriedResumingFromItsCheckpointOnAWritableMount() throws IOException {
        Path checkpoints = out.resolve("checkpoints");
        Outcome o = run("""
                name: batch-container
                fleet:
                  group: {name: batch, desired: 1, launchDelay: 2s}
                  pools: [{type: c5.xlarge, az: us-east-1a}, {type: c5.xlarge, az: us-east-1b}]
                workload:
                  lane: batch
                  container:
                    image: "%s"
                    pull: never
                    env: {ITEMS: "60", ITEM_MS: "100", CHECKPOINT_FILE: /checkpoint/job.checkpoint}
                    mounts: [{source: "%s", target: /checkpoint, readOnly: false}]
                  retry:
                    attempts: 3
                    evaluateOnExit:
                      - {onStatusReason: "Host EC2*", action: retry}
                      - {onReason: "*", action: exit}
                interruptions:
                  - {at: 3s, notice: 2s, select: {count: 1}}
                  # Holds the run open until the retried attempt is over (the action's SIGKILL, the replacement's launch
                  # and a JVM's start in a container take many seconds on a busy host): by then nothing runs on it.
                  - {at: 40s, notice: 2s, select: {count: 1}}
                slos:
                  killedWorkloads: "<= 1"
                seed: 11
                """.formatted(BATCH, checkpoints));

        assertThat(o.cli().exitCode).as("%s%n%s", o.cli(), o.run().toPrettyString()).isZero();
        JsonNode first = o.noticed().stream().filter(w -> w.path("workloadId").asText().endsWith("-attempt-1")).findFirst().orElseThrow();
        assertThat(first.path("sigterm").isNull()).as("Batch does not drain").isTrue();
        assertThat(first.path("exitCode").asInt()).isEqualTo(137);
        assertThat(first.path("explanation").asText()).contains("at the action time");
        // The retried attempt has no notice, so only the timeline has it: placed after the first one died, and finished by itself.
        Instant firstKilled = at(first, "killed");
        List<String> retry = new ArrayList<>();
        o.run().path("timeline").forEach(e -> {
            if (e.path("detail").asText().startsWith("job-001-attempt-2") && !Instant.parse(e.path("at").asText()).isBefore(firstKilled)) {
                retry.add(e.path("kind").asText() + " " + e.path("detail").asText());
            }
        });
        assertThat(retry).as(o.run().path("timeline").toPrettyString())
                .anyMatch(line -> line.startsWith("task-start job-001-attempt-2"))
                .anyMatch(line -> line.equals("task-exited job-001-attempt-2 exit 0"));
        // The first attempt's progress outlived its container on the writable mount, and the retry went on from there.
        String firstLog = o.log(first);
        assertThat(firstLog).doesNotContain("cannot checkpoint").contains("item 1 of 60 done");
        Path retryLog = o.dir().resolve("logs").resolve("job-001-attempt-2.log");
        assertThat(Files.readString(retryLog)).containsPattern("resuming at item [1-9][0-9]* of 60 from /checkpoint/job.checkpoint")
                .contains("done; checkpoint /checkpoint/job.checkpoint removed");
        assertThat(checkpoints.resolve("job.checkpoint")).as("the finished job removed its checkpoint").doesNotExist();
    }

    @Test
    void aBatchWorkerWhoseCheckpointMountIsReadOnlySaysAtOnceThatARetryWouldStartOver() throws IOException {
        Path checkpoints = Files.createDirectories(out.resolve("read-only"));
        Outcome o = run("""
                name: batch-read-only
                fleet:
                  group: {name: batch, desired: 1, launchDelay: 1s}
                  pools: [{type: c5.xlarge, az: us-east-1a}]
                workload:
                  lane: batch
                  container:
                    image: "%s"
                    pull: never
                    env: {ITEMS: "5", ITEM_MS: "50", CHECKPOINT_FILE: /checkpoint/job.checkpoint}
                    mounts: [{source: "%s", target: /checkpoint}]
                interruptions:
                  # Only holds the run open until the job is over.
                  - {at: 20s, notice: 2s, select: {count: 1}}
                seed: 11
                """.formatted(BATCH, checkpoints));

        assertThat(o.cli().exitCode).as("%s%n%s", o.cli(), o.run().toPrettyString()).isZero();
        String log = Files.readString(o.dir().resolve("logs").resolve("job-001-attempt-1.log"));
        assertThat(log).contains("WARNING: cannot write the checkpoint /checkpoint/job.checkpoint: a retried attempt will start over")
                .contains("readOnly: false").containsIgnoringCase("read-only file system");
        assertThat(checkpoints).isEmptyDirectory();
    }
}
