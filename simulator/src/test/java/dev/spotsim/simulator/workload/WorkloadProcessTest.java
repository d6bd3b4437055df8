package dev.spotsim.simulator.workload;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes: environment, log, tree signals, exit codes. The supervisor kills leftovers after each test. */
class WorkloadProcessTest {
    static final Placement HERE = new Placement("i-0123456789abcdef0", "http://127.0.0.1:1338", "us-east-1",
            "http://127.0.0.1:51678/v4/task-0001", 0);
    @TempDir
    Path logs;
    WorkloadSupervisor supervisor;
    final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void supervise() {
        supervisor = new WorkloadSupervisor(logs, Clock.systemUTC());
        supervisor.addListener(listener);
    }

    @AfterEach
    void killEverything() {
        supervisor.close();
    }

    static String log(WorkloadProcess p) throws Exception {
        return Files.readString(p.log());
    }

    /** Waits until the program and {@code descendants} children run, so signals reach a settled tree. */
    static List<ProcessHandle> awaitTree(WorkloadProcess p, int descendants) {
        await().atMost(Duration.ofSeconds(10)).until(() -> p.liveTree().size() == 1 + descendants);
        return p.liveTree();
    }

    @Test
    void aShellWorkloadSeesItsPlacementAndWritesItsLog() throws Exception {
        Files.writeString(logs.resolve("w1.log"), "earlier run\n");
        WorkloadProcess p = supervisor.start("w1", ProcessSpec.shell(
                "echo port=$PORT imds=$AWS_EC2_METADATA_SERVICE_ENDPOINT id=$SPOTSIM_INSTANCE_ID region=$AWS_REGION extra=$EXTRA; "
                        + "echo ecs=$ECS_CONTAINER_METADATA_URI_V4 >&2").withEnvironment(Map.of("EXTRA", "yes", "PORT", "1")), HERE);
        p.onExit().get(10, SECONDS);

        assertThat(p.port()).isPositive().isNotEqualTo(1);
        assertThat(p.exitCode()).isZero();
        assertThat(log(p)).isEqualTo("earlier run\nport=" + p.port()
                + " imds=http://127.0.0.1:1338 id=i-0123456789abcdef0 region=us-east-1 extra=yes\n"
                + "ecs=http://127.0.0.1:51678/v4/task-0001\n");
        assertThat(p.exitedAt()).isAfterOrEqualTo(p.startedAt());
    }

    @Test
    void anArgvWorkloadRunsWithoutAShellInItsWorkingDirectory(@TempDir Path dir) throws Exception {
        WorkloadProcess p = supervisor.start("w2", ProcessSpec.of("/bin/sh", "-c", "pwd; echo '$PORT'").in(dir), HERE.withPort(40123));
        p.onExit().get(10, SECONDS);
        assertThat(p.port()).isEqualTo(40123);
        assertThat(log(p)).isEqualTo(dir.toRealPath() + "\n$PORT\n");
    }

    @Test
    void terminatingAShellWrapperStopsTheProgramItStarted() throws Exception {
        // A list keeps its shell, so "sleep" is the shell's child: the tree signal must reach it.
        WorkloadProcess p = supervisor.start("w3", ProcessSpec.shell("sleep 60; echo not reached"), HERE);
        List<ProcessHandle> tree = awaitTree(p, 1);

        p.terminate();
        p.onExit().get(10, SECONDS);

        await().atMost(Duration.ofSeconds(5)).until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(p.exitCode()).isEqualTo(143);
        assertThat(p.signal()).hasValue(15);
        assertThat(p.terminatedAt()).isNotNull();
        assertThat(p.killedAt()).isNull();
        assertThat(p.wasKilled()).isFalse();
        assertThat(log(p)).doesNotContain("not reached");
        assertThat(listener.kinds()).containsExactly("started", "terminated", "exited 143");
    }

    @Test
    void aProgramIgnoringSigtermSurvivesTerminateAndDiesOnKill() throws Exception {
        // Both the shell and sleep ignore TERM (an ignored signal stays ignored across exec).
        WorkloadProcess p = supervisor.start("w4", ProcessSpec.shell("trap '' TERM; sleep 60"), HERE);
        List<ProcessHandle> tree = awaitTree(p, 1);

        p.terminate();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> tree.stream().allMatch(ProcessHandle::isAlive));
        p.kill();
        p.onExit().get(10, SECONDS);

        await().atMost(Duration.ofSeconds(5)).until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(p.exitCode()).isEqualTo(137);
        assertThat(p.signal()).hasValue(9);
        assertThat(p.wasKilled()).isTrue();
        assertThat(p.killedAt()).isAfterOrEqualTo(p.terminatedAt());
        assertThat(listener.kinds()).containsExactly("started", "terminated", "killed", "exited 137");
        assertThat(listener.heard).extracting(RecordingListener.Heard::at).isSorted();
    }

    @Test
    void aProgramThatExitsAtOnceIsHeardStartingThenExitingWithItsCode() throws Exception {
        WorkloadProcess p = supervisor.start("w5", ProcessSpec.shell("exit 3"), HERE);
        p.onExit().get(10, SECONDS);
        assertThat(p.exitCode()).isEqualTo(3);
        assertThat(p.signal()).isEmpty();
        assertThat(p.isAlive()).isFalse();
        assertThat(listener.kinds()).as("the listener hears the exit before onExit completes").containsExactly("started", "exited 3");
        p.terminate();
        assertThat(p.terminatedAt()).as("nothing left to signal").isNull();
    }
}
