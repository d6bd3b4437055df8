package dev.spotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.Container;
import dev.spotsim.simulator.workload.container.DockerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container run that goes wrong (issue 10 §5): nothing is left behind after kill -9 (the next run removes it and
 * says so) or Ctrl-C; no engine, a missing image, or a port the image never opens end the run with exit 1 and a
 * message that says what to do. Runs that must be killed are real child JVMs.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ContainerRunFailuresTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String EXEC = "spotsim-samples/drain-aware:exec";
    @TempDir
    Path out;
    private DockerEngine engine;
    private final List<Process> children = new ArrayList<>();

    @BeforeEach
    void engine() throws IOException {
        engine = ContainerEngine.require(List.of(EXEC));
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            if (engine != null) {
                containersOf(child).forEach(c -> engine.client().removeContainerCmd(c.getId()).withForce(true).exec());
            }
        }
        ContainerEngine.assertNoneLeft(engine);
    }

    /** A run that lasts minutes unless stopped: two containers of the exec-form image. */
    private String longRun(String container) {
        return """
                name: container-long
                fleet:
                  group: {name: web, desired: 2, launchDelay: 1s, capacityRebalance: false}
                  pools: [{type: c5.large, az: us-east-1a}, {type: m5.large, az: us-east-1b}]
                workload:
                  lane: ecs-ec2
                  container: %s
                  stopTimeout: 3s
                  healthCheck: {path: /health, interval: 500ms, timeout: 400ms, healthyThreshold: 2, unhealthyThreshold: 2}
                loadBalancer: {deregistrationDelay: 1s}
                load: {rps: 2, duration: 5m, requests: [{name: home, path: /}]}
                interruptions:
                  - {at: 4m, notice: 30s, select: {count: 1}}
                seed: 1
                """.formatted(container);
    }

    private Path scenario(String name, String yaml) throws IOException {
        return Files.writeString(out.resolve(name), yaml);
    }

    /** {@code spotsim run FILE} in a JVM of its own, its output in {@code log}; {@code env} added to this JVM's. */
    private Process spotsim(Path file, Path log, Map<String, String> env) throws IOException {
        // SIGINT at its default, as in a terminal: a build started in the background passes it on ignored, and Ctrl-C would do nothing.
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/env", "--default-signal=INT", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-Djava.util.prefs.userRoot=" + System.getProperty("java.util.prefs.userRoot"),
                "-cp", System.getProperty("java.class.path"), "dev.spotsim.cli.SpotsimCommand",
                "run", file.toString(), "--out", out.resolve("runs").toString(), "--workdir", REPO.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process child = pb.start();
        children.add(child);
        return child;
    }

    private List<Container> containersOf(Process owner) {
        return engine.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("dev.spotsim.owner.pid", Long.toString(owner.pid()))).exec();
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void containersLeftByAKilledRunAreRemovedByTheNextRunWhichSaysSoAndCtrlCOnThatRunLeavesNothing() throws Exception {
        Path file = scenario("long.yaml", longRun("{image: \"" + EXEC + "\", pull: never}"));
        Path firstLog = out.resolve("first.log");
        Process first = spotsim(file, firstLog, Map.of());
        await().atMost(Duration.ofSeconds(120)).until(() -> containersOf(first).size() == 2 || !first.isAlive());
        assertThat(containersOf(first)).as(read(firstLog)).hasSize(2);

        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(containersOf(first)).as("kill -9 gives spotsim no chance to clean up").hasSize(2);

        Path secondLog = out.resolve("second.log");
        Process second = spotsim(file, secondLog, Map.of());
        await().atMost(Duration.ofSeconds(120)).until(() -> containersOf(second).size() == 2 || !second.isAlive());
        assertThat(containersOf(first)).as("the next run removed the dead run's containers").isEmpty();
        // Any spotsim starting on this host reaps them, and container tests in the other test JVM start runs all the
        // time: when this run was first, it says so (ContainerReaperTest checks the words on their own).
        if (read(secondLog).contains("left by spotsim run ")) {
            assertThat(read(secondLog)).contains("removed 2 container(s) left by spotsim run ").contains("(pid " + first.pid() + "), which is no longer running");
        }

        new ProcessBuilder("kill", "-INT", Long.toString(second.pid())).start().waitFor();
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("exits within seconds of Ctrl-C").isTrue();
        assertThat(second.exitValue()).as(read(secondLog)).isEqualTo(130);
        assertThat(containersOf(second)).as("Ctrl-C removes the run's containers").isEmpty();
    }

    @Test
    void withNoEngineTheRunExitsOneWithOneLineNamingTheDockerHostTriedAndHowToStartAnEngine() throws Exception {
        Path file = scenario("c.yaml", longRun("{image: \"" + EXEC + "\", pull: never}"));
        String host = "unix://" + out.resolve("no-engine.sock");
        Path log = out.resolve("run.log");

        Process run = spotsim(file, log, Map.of("DOCKER_HOST", host));

        assertThat(run.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(read(log)).isEqualTo(1);
        assertThat(read(log).lines().filter(l -> l.contains("no container engine answers at DOCKER_HOST=" + host)))
                .as(read(log)).hasSize(1)
                .allSatisfy(line -> assertThat(line).contains("podman system service").contains("Docker"));
        assertThat(read(log)).doesNotContain("\tat ");
    }

    @Test
    void anImageThatIsNotThereWithPullNeverEndsTheRunWithExitOneNamingTheImage() throws IOException {
        Path file = scenario("c.yaml", longRun("{image: \"spotsim-samples/not-built:nope\", pull: never}"));

        Cli r = Cli.run("run", file.toString(), "--out", out.resolve("runs").toString(), "--workdir", REPO.toString(), "--quiet");

        assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
        assertThat(r.out + r.err).contains("image spotsim-samples/not-built:nope is not in the engine").contains("pull is never").doesNotContain("\tat ");
    }

    @Test
    void anImageThatNeverOpensItsPortEndsTheRunWithItsLogTailAndExitOne() throws IOException {
        Path file = scenario("c.yaml", longRun("{image: \"" + EXEC + "\", pull: never, "
                + "command: [/bin/sh, -c, 'echo listening on 9999 instead of $PORT; exec sleep 600']}"));

        Cli r = Cli.run("run", file.toString(), "--out", out.resolve("runs").toString(), "--workdir", REPO.toString(), "--quiet",
                "--start-timeout", "15s");

        assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
        assertThat(r.out + r.err).contains("the workload never became healthy: 0 of 2 healthy after 15s")
                .contains("the last lines of task-000").containsPattern("listening on 9999 instead of \\d+").doesNotContain("\tat ");
    }
}
