package dev.spotsim.simulator.workload;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes through the runtime interface: environment, logs, signals, exec, exit codes. */
class ProcessRuntimeTest {
    static final Map<String, String> PLACED = Map.of("PORT", "40123", "AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:1338",
            "SPOTSIM_INSTANCE_ID", "i-0123456789abcdef0", "AWS_REGION", "us-east-1");
    @TempDir
    Path logs;
    final List<ProcessRuntime> runtimes = new ArrayList<>();

    @AfterEach
    void killEverything() {
        runtimes.forEach(ProcessRuntime::close);
    }

    ProcessRuntime runtime(ProcessSpec spec) {
        ProcessRuntime r = new ProcessRuntime(spec, Clock.systemUTC());
        runtimes.add(r);
        return r;
    }

    WorkloadLaunch launch(String taskId) {
        return new WorkloadLaunch("run-1", taskId, "i-0123456789abcdef0", 40123, PLACED, null, logs.resolve(taskId + ".log"));
    }

    RunningWorkload start(String command, String taskId) throws Exception {
        return runtime(ProcessSpec.shell(command)).start(launch(taskId));
    }

    static WorkloadExit exit(RunningWorkload w) throws Exception {
        return w.onExit().get(10, SECONDS);
    }

    /** Waits until the workload runs {@code descendants} children, so a signal reaches a settled tree. */
    static List<ProcessHandle> awaitTree(RunningWorkload w, int descendants) {
        ProcessWorkload p = (ProcessWorkload) w;
        await().atMost(Duration.ofSeconds(10)).until(() -> p.liveTree().size() == 1 + descendants);
        return p.liveTree();
    }

    @Test
    void aWorkloadSeesItsLaunchEnvironmentButNotTheHostsAndWritesItsLog() throws Exception {
        Files.writeString(logs.resolve("w1.log"), "earlier run\n");
        ProcessRuntime runtime = runtime(ProcessSpec.shell("echo port=$PORT imds=$AWS_EC2_METADATA_SERVICE_ENDPOINT id=$SPOTSIM_INSTANCE_ID "
                + "extra=$EXTRA ecs=${ECS_CONTAINER_METADATA_URI:-none}; echo to-stderr >&2").withEnvironment(Map.of("EXTRA", "yes", "PORT", "1")));
        RunningWorkload w = runtime.start(launch("w1"));

        assertThat(exit(w).exitCode()).isZero();
        assertThat(Files.readString(w.log())).isEqualTo("earlier run\nport=40123 imds=http://127.0.0.1:1338 id=i-0123456789abcdef0 "
                + "extra=yes ecs=none\nto-stderr\n");
        assertThat(w.logTail(2)).containsExactly("port=40123 imds=http://127.0.0.1:1338 id=i-0123456789abcdef0 extra=yes ecs=none", "to-stderr");
        assertThat(w.describe()).startsWith("pid ");
        assertThat(w.taskId()).isEqualTo("w1");
        assertThat(runtime.kind()).isEqualTo("process");
    }

    @Test
    void anArgvWorkloadRunsWithoutAShellInTheLaunchsWorkingDirectory(@TempDir Path dir) throws Exception {
        RunningWorkload w = runtime(ProcessSpec.of("/bin/sh", "-c", "pwd; echo '$PORT'")).start(
                new WorkloadLaunch("run-1", "w2", "i-0123456789abcdef0", 40123, PLACED, dir, logs.resolve("w2.log")));
        exit(w);
        assertThat(Files.readString(w.log())).isEqualTo(dir.toRealPath() + "\n$PORT\n");
    }

    @Test
    void sigtermEndsAProgramThatDoesNotHandleItWithExit143() throws Exception {
        RunningWorkload w = start("sleep 60", "w3");
        awaitTree(w, 0);
        w.signal(Signal.SIGTERM);
        WorkloadExit exit = exit(w);
        assertThat(exit.exitCode()).isEqualTo(143);
        assertThat(exit.signal()).isEqualTo(Signal.SIGTERM);
        assertThat(exit.exitedOnItsOwn()).isFalse();
        assertThat(exit.oomKilled()).isFalse();
        assertThat(w.isAlive()).isFalse();
    }

    @Test
    void aProgramIgnoringSigtermRunsOnAndSigkillEndsItsWholeTreeWithExit137() throws Exception {
        // Both the shell and sleep ignore TERM (an ignored signal stays ignored across exec).
        RunningWorkload w = start("trap '' TERM; sleep 60", "w4");
        List<ProcessHandle> tree = awaitTree(w, 1);
        w.signal(Signal.SIGTERM);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> tree.stream().allMatch(ProcessHandle::isAlive));

        w.signal(Signal.SIGKILL);
        WorkloadExit exit = exit(w);
        assertThat(exit.exitCode()).isEqualTo(137);
        assertThat(exit.signal()).isEqualTo(Signal.SIGKILL);
        await().atMost(Duration.ofSeconds(5)).until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void aSignalGoesToTheStartedProcessAndWhatItLeavesBehindDiesWithIt() throws Exception {
        // A list keeps its shell: the shell is PID 1 here, it dies of SIGTERM, and its sleep must not outlive it.
        RunningWorkload w = start("sleep 60; echo not reached", "w5");
        List<ProcessHandle> tree = awaitTree(w, 1);
        w.signal(Signal.SIGTERM);
        assertThat(exit(w).exitCode()).isEqualTo(143);
        await().atMost(Duration.ofSeconds(5)).until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(Files.readString(w.log())).doesNotContain("not reached");
    }

    @Test
    void anySignalReachesTheProgramsOwnHandler() throws Exception {
        RunningWorkload w = start("trap 'echo got USR1; exit 7' USR1; echo ready; while :; do sleep 0.1; done", "w6");
        await().atMost(Duration.ofSeconds(10)).until(() -> w.logTail(1).contains("ready"));
        w.signal(Signal.SIGUSR1);
        WorkloadExit exit = exit(w);
        assertThat(exit.exitCode()).isEqualTo(7);
        assertThat(exit.signal()).isNull();
        assertThat(exit.exitedOnItsOwn()).isTrue();
        assertThat(w.logTail(5)).contains("got USR1");
    }

    @Test
    void exitCodesAreReportedAsTheProgramLeft() throws Exception {
        assertThat(exit(start("exit 0", "w7")).exitCode()).isZero();
        WorkloadExit three = exit(start("exit 3", "w8"));
        assertThat(three.exitCode()).isEqualTo(3);
        assertThat(three.signal()).isNull();
        assertThat(exit(start("no-such-program-anywhere", "w9")).exitCode()).as("the shell's command not found").isEqualTo(127);
    }

    @Test
    void execRunsInsideTheTasksEnvironmentAppendsToItsLogAndTimesOutWith124() throws Exception {
        RunningWorkload w = start("echo started; sleep 60", "w10");
        await().atMost(Duration.ofSeconds(10)).until(() -> w.logTail(1).contains("started"));

        ExecResult ok = w.exec(List.of("/bin/sh", "-c", "echo hook sees $PORT on $SPOTSIM_INSTANCE_ID; exit 4"), Duration.ofSeconds(10));
        assertThat(ok.exitCode()).isEqualTo(4);
        assertThat(ok.output()).isEqualTo("hook sees 40123 on i-0123456789abcdef0\n");
        assertThat(w.logTail(1)).containsExactly("hook sees 40123 on i-0123456789abcdef0");

        ExecResult slow = w.exec(List.of("sleep", "30"), Duration.ofMillis(300));
        assertThat(slow.exitCode()).isEqualTo(124);
        assertThat(w.isAlive()).as("a hook timing out leaves the workload alone").isTrue();
    }

    @Test
    void closeLeavesNoProcessAliveNotEvenDescendantsOrProgramsIgnoringSigterm() throws Exception {
        ProcessRuntime runtime = runtime(ProcessSpec.shell("sleep 60 & sleep 60 & trap '' TERM; wait"));
        RunningWorkload a = runtime.start(launch("a"));
        RunningWorkload b = runtime.start(launch("b"));
        List<ProcessHandle> all = new ArrayList<>(awaitTree(a, 2));
        all.addAll(awaitTree(b, 2));
        assertThat(all).hasSize(6).allMatch(ProcessHandle::isAlive);

        runtime.close();

        assertThat(all).as("close() returns once every process is gone").noneMatch(ProcessHandle::isAlive);
        assertThat(runtime.workloads()).hasSize(2);
        assertThatThrownBy(() -> runtime.start(launch("late"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed").hasMessageContaining("late");
    }

    @Test
    void aProgramThatCannotStartSaysWhichAndWhy() {
        assertThatThrownBy(() -> runtime(ProcessSpec.of("/no/such/program")).start(launch("missing")))
                .hasMessageStartingWith("cannot start workload missing (/no/such/program)");
    }
}
