package dev.spotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spotsim run} end to end: real workloads (the sample Java programs) on the simulated fleet,
 * Gatling load through the balancer, a short notice, and the record it leaves.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class RunCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path out;

    private Process child;

    @AfterEach
    void killTheChild() {
        if (child != null) {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
        }
    }

    static String shortDrain() {
        return """
                name: short-drain
                fleet:
                  group: {name: web, desired: 2, launchDelay: 2s, capacityRebalance: true}
                  pools: [{type: c5.large, az: us-east-1a}, {type: m5.large, az: us-east-1b}]
                workload:
                  lane: ecs-ec2
                  command: "java examples/workloads/DrainAwareService.java"
                  env: {DRAIN_GRACE_MS: "1500"}
                  stopTimeout: 5s
                  healthCheck: {path: /health, interval: 500ms, timeout: 400ms, healthyThreshold: 2, unhealthyThreshold: 2}
                loadBalancer: {deregistrationDelay: 2s}
                load:
                  rps: 20
                  duration: 15s
                  requests: [{name: home, path: /}]
                interruptions:
                  - {at: 3s, notice: 8s, select: {count: 1}}
                slos:
                  drainTime.max: "< 8s"
                  killedWorkloads: "== 0"
                  failedRequests.count: "== 0"
                seed: 9
                """;
    }

    private static Path onlyRunDir(Path out) throws IOException {
        try (Stream<Path> dirs = Files.list(out)) {
            List<Path> all = dirs.filter(Files::isDirectory).toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    private static String logs(Path runDir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(runDir.resolve("logs"))) {
            for (Path f : files.sorted().toList()) {
                all.append("\n== ").append(f.getFileName()).append('\n').append(Files.readString(f));
            }
        }
        return all.toString();
    }

    @Test
    void aShortRunMeasuresTheDrainAndPasses() throws IOException {
        Path scenario = Files.writeString(out.resolve("short.yaml"), shortDrain());
        Cli r = Cli.run("run", scenario.toString(), "--out", out.resolve("runs").toString(), "--workdir", REPO.toString(), "--quiet");
        Path dir = onlyRunDir(out.resolve("runs"));
        assertThat(r.exitCode).as("%s%nrun.json: %s%nlogs: %s", r, Files.readString(dir.resolve("run.json")), logs(dir)).isZero();
        assertThat(r.out).contains("short-drain: PASS", "report.html");
        JsonNode run = JSON.readTree(dir.resolve("run.json").toFile());
        assertThat(run.path("outcome").asText()).isEqualTo("completed");
        JsonNode drained = run.path("workloads").get(0);
        assertThat(drained.path("notice").isNull()).isFalse();
        assertThat(drained.path("deregistered").isNull()).as("ECS deregisters before SIGTERM").isFalse();
        assertThat(drained.path("exited").isNull()).isFalse();
        assertThat(drained.path("killed").isNull()).isTrue();
        assertThat(run.path("measures").path("drainTimes")).hasSize(1);
        assertThat(run.path("measures").path("total").path("requests").asLong()).isGreaterThan(100);
        assertThat(run.path("seconds").size()).isGreaterThanOrEqualTo(15);
        assertThat(Files.readString(dir.resolve("junit.xml"))).contains("drainTime.max").doesNotContain("<failure");
        assertThat(Files.readString(dir.resolve("events.jsonl"))).contains("EC2 Spot Instance Interruption Warning", "ECS Task State Change");
        assertThat(dir.resolve("summary.md")).exists();
        assertThat(dir.resolve("seconds.csv")).exists();
        assertThat(dir.resolve("gatling")).isDirectory();
    }

    @Test
    void theNaiveExampleBreaksItsSlosAndExitsTwo() throws IOException {
        Cli r = Cli.run("run", REPO.resolve("scenarios/examples/naive-service.yaml").toString(), "--out", out.toString(),
                "--workdir", REPO.toString(), "--quiet");
        assertThat(r.exitCode).as(r.toString()).isEqualTo(2);
        assertThat(r.out).contains("BROKEN  killedWorkloads = 1, expected == 0", "naive-service: FAIL");
        String junit = Files.readString(onlyRunDir(out).resolve("junit.xml"));
        assertThat(junit).contains("<failure").contains("killedWorkloads");
    }

    @Test
    void ctrlCMidRunStopsEveryProcessAndLeavesAPartialRecord() throws Exception {
        Path scenario = Files.writeString(out.resolve("long.yaml"), shortDrain().replace("duration: 15s", "duration: 5m")
                .replace("at: 3s", "at: 4m"));
        Path log = out.resolve("spotsim.log");
        // SIGINT at its default, as in a terminal: a build started in the background passes it on ignored, and Ctrl-C would do nothing.
        child = new ProcessBuilder("/usr/bin/env", "--default-signal=INT", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-Djava.util.prefs.userRoot=" + System.getProperty("java.util.prefs.userRoot"), "-cp", System.getProperty("java.class.path"), "dev.spotsim.cli.SpotsimCommand",
                "run", scenario.toString(), "--out", out.resolve("runs").toString(), "--workdir", REPO.toString(), "--progress", "1s")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // Ctrl-C once the load has run a few seconds (the progress line counts seconds from the load's start).
        await().atMost(Duration.ofSeconds(90)).until(() -> Files.readString(log).matches("(?s).*\\[\\s*[3-9]s\\] .*") || !child.isAlive());
        List<ProcessHandle> workloads = child.descendants().toList();
        assertThat(workloads).as(Files.readString(log)).hasSizeGreaterThanOrEqualTo(2);
        new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("exits within seconds of Ctrl-C").isTrue();
        assertThat(child.exitValue()).as("128 + SIGINT, as shells and CI runners expect").isEqualTo(130);
        assertThat(workloads).noneMatch(ProcessHandle::isAlive);
        JsonNode run = JSON.readTree(onlyRunDir(out.resolve("runs")).resolve("run.json").toFile());
        assertThat(run.path("outcome").asText()).isEqualTo("interrupted");
        assertThat(run.path("exitCode").asInt()).as("run.json agrees with the process").isEqualTo(130);
        assertThat(run.path("measures").path("total").path("requests").asLong()).isPositive();
    }
}
