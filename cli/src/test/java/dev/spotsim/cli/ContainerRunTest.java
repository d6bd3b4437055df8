package dev.spotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.simulator.workload.container.DockerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spotsim run} with real containers on the ecs-ec2 lane (sample images from examples/containers/build-images.sh):
 * the exec form drains, the shell form is SIGKILLed at stopTimeout with the PID 1 explanation, and init ends it on SIGTERM.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ContainerRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path out;
    private DockerEngine probe;

    @BeforeEach
    void engine() throws IOException {
        probe = ContainerEngine.require(List.of("spotsim-samples/drain-aware:exec", "spotsim-samples/drain-aware:shell"));
    }

    @AfterEach
    void noContainerIsLeft() {
        ContainerEngine.assertNoneLeft(probe);
    }

    private static String scenario(String image, boolean init) {
        return """
                name: container-drain
                fleet:
                  group: {name: web, desired: 2, launchDelay: 2s, capacityRebalance: false}
                  pools: [{type: c5.large, az: us-east-1a}, {type: m5.large, az: us-east-1b}]
                workload:
                  lane: ecs-ec2
                  container: {image: "%s", pull: never, init: %s, env: {WATCH_IMDS: "false", DRAIN_GRACE_MS: "1500"}}
                  stopTimeout: 4s
                  healthCheck: {path: /health, interval: 500ms, timeout: 400ms, healthyThreshold: 2, unhealthyThreshold: 2}
                loadBalancer: {deregistrationDelay: 2s}
                load:
                  rps: 10
                  duration: 30s
                  requests: [{name: home, path: /}]
                interruptions:
                  - {at: 3s, notice: 25s, select: {count: 1}}
                slos:
                  killedWorkloads: "== 0"
                  failedRequests.count: "== 0"
                seed: 9
                """.formatted(image, init);
    }

    private record Outcome(Cli cli, Path dir, JsonNode run, JsonNode drained) {
    }

    private Outcome run(String image, boolean init) throws IOException {
        Path file = Files.writeString(out.resolve("c.yaml"), scenario(image, init));
        Cli r = Cli.run("run", file.toString(), "--out", out.resolve("runs").toString(), "--workdir", REPO.toString(), "--quiet");
        Path dir;
        try (Stream<Path> dirs = Files.list(out.resolve("runs"))) {
            dir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        JsonNode run = JSON.readTree(dir.resolve("run.json").toFile());
        JsonNode drained = null;
        for (JsonNode w : run.path("workloads")) {
            if (!w.path("notice").isNull() && !w.path("notice").isMissingNode()) {
                drained = w;
            }
        }
        assertThat(drained).as("%s%n%s", r, run.toPrettyString()).isNotNull();
        return new Outcome(r, dir, run, drained);
    }

    @Test
    void anExecFormImageDrainsOnEcsSigtermWithNoFailedRequest() throws IOException {
        Outcome o = run("spotsim-samples/drain-aware:exec", false);

        assertThat(o.cli().exitCode).as("%s%n%s", o.cli(), o.drained()).isZero();
        assertThat(o.drained().path("stopSignal").asText()).isEqualTo("SIGTERM");
        assertThat(o.drained().path("exitCode").asInt()).isIn(0, 143);
        assertThat(o.drained().path("killed").isNull()).isTrue();
        List<String> started = new java.util.ArrayList<>();
        o.run().path("timeline").forEach(e -> {
            if (e.path("kind").asText().equals("task-start")) {
                started.add(e.path("detail").asText());
            }
        });
        assertThat(started).as("a replacement task was placed").anyMatch(detail -> detail.startsWith("task-0003 "));
        assertThat(o.run().path("measures").hasNonNull("recoveryTime")).as("capacity came back: the replacement became healthy").isTrue();
    }

    @Test
    void aShellFormImageIsKilledAtStopTimeoutWith137AndThePid1ExplanationInTheRecord() throws IOException {
        Outcome o = run("spotsim-samples/drain-aware:shell", false);

        assertThat(o.cli().exitCode).as(o.cli().toString()).isEqualTo(2);
        assertThat(o.cli().out).contains("killedWorkloads").contains("why: task-000").contains("PID 1 did not exit on SIGTERM");
        assertThat(Files.readString(o.dir().resolve("summary.md"))).contains("Why workloads did not drain")
                .contains("exit 137 at its 4s deadline: PID 1 did not exit on SIGTERM; the image's CMD is shell form");
        assertThat(o.drained().path("exitCode").asInt()).isEqualTo(137);
        assertThat(o.drained().path("killed").isNull()).isFalse();
        assertThat(o.drained().path("explanation").asText())
                .startsWith("exit 137 at its 4s deadline: PID 1 did not exit on SIGTERM")
                .contains("the image's CMD is shell form (/bin/sh -c java").contains("use the exec form", "`init: true`", "STOPSIGNAL");
    }

    @Test
    void withInitTheShellFormImageEndsOnSigtermAndPasses() throws IOException {
        Outcome o = run("spotsim-samples/drain-aware:shell", true);

        assertThat(o.cli().exitCode).as("%s%n%s", o.cli(), o.drained()).isZero();
        assertThat(o.drained().path("exitCode").asInt()).isEqualTo(143);
        assertThat(o.drained().path("killed").isNull()).isTrue();
    }
}
