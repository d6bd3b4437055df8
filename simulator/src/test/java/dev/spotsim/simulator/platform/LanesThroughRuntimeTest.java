package dev.spotsim.simulator.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spotsim.scenarios.model.LoadBalancerSpec;
import dev.spotsim.scenarios.model.WorkloadSpec;
import dev.spotsim.scenarios.parse.StructuredReader;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.fleet.InterruptRequest;
import dev.spotsim.simulator.workload.Signal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lanes drive a workload only through the runtime interface: its stop signal, exec for preStop, SIGKILL at the deadline, exits. */
class LanesThroughRuntimeTest {
    /** A workload that only stops when asked with SIGINT (its "image" says STOPSIGNAL SIGINT) and ignores SIGTERM. */
    private static final String SIGINT_ONLY = "trap 'echo got INT; exit 0' INT; trap '' TERM; echo ready; while :; do sleep 0.1; done";
    private static final String IGNORES_TERM = "trap 'echo ignoring TERM' TERM; echo ready; while :; do sleep 0.1; done";
    @TempDir
    Path logs;
    SpotSim sim;
    RecordingRuntime runtime;
    Platform platform;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
        if (runtime != null) {
            assertThat(runtime.started).as("no workload outlives the simulator").noneMatch(w -> w.isAlive());
        }
    }

    private void run(String workloadYaml, String command, Signal stopSignal) {
        sim = SpotSim.builder().instances(1).start();
        StructuredReader reader = new StructuredReader();
        WorkloadSpec workload = reader.read(workloadYaml + "\ncommand: unused-the-runtime-runs-its-own", "workload", false, WorkloadSpec.class);
        runtime = new RecordingRuntime(command, logs, stopSignal);
        platform = sim.runWorkload(new PlatformSettings(workload, 1, logs, logs, "spotsim", "run-test"),
                new LoadBalancerSpec(Duration.ofSeconds(1), Duration.ofSeconds(5)), 0, runtime);
        await().atMost(Duration.ofSeconds(20)).until(() -> platform.tasks().size() == 1 && logOf("task-0001").contains("ready"));
    }

    private String logOf(String taskId) throws java.io.IOException {
        Path log = logs.resolve(taskId + ".log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private TaskRecord first() {
        return platform.tasks().get(0);
    }

    private void interruptWithNotice(Duration notice) {
        sim.interrupt(sim.firstInstanceId(), new InterruptRequest(null, notice, null, null));
    }

    @Test
    void fargateStopsATaskWithTheSignalItsWorkloadNamesAndItsOwnExitIsACleanDrain() {
        run("lane: fargate-spot\nstopTimeout: 10s", SIGINT_ONLY, Signal.SIGINT);
        interruptWithNotice(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(15)).until(() -> first().exited() != null);

        TaskRecord t = first();
        assertThat(runtime.calls("task-0001")).containsExactly("SIGINT");
        assertThat(t.stopSignal()).isEqualTo("SIGINT");
        assertThat(t.exitCode()).isZero();
        assertThat(t.exitSignal()).isNull();
        assertThat(t.killed()).isNull();
        assertThat(t.drainedCleanly()).isTrue();
        assertThat(t.explanation()).isNull();
        assertThat(t.workload()).startsWith("pid ");
        assertThat(platform.runtimeKind()).isEqualTo("recorded-process");
    }

    @Test
    void eksRunsPreStopInsideTheWorkloadAndCountsTheGracePeriodFromItsStart() throws Exception {
        run("""
                lane: eks-nth
                pollInterval: 100ms
                preStop: {command: "echo prestop in $SPOTSIM_TASK_ID; sleep 1"}
                terminationGracePeriod: 4s
                """, IGNORES_TERM, null);
        interruptWithNotice(Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(20)).until(() -> first().exited() != null);

        TaskRecord t = first();
        assertThat(runtime.calls("task-0001")).containsExactly("exec /bin/sh -c echo prestop in $SPOTSIM_TASK_ID; sleep 1", "SIGTERM", "SIGKILL");
        assertThat(logOf("task-0001")).contains("prestop in task-0001", "ignoring TERM");
        assertThat(Duration.between(t.detected(), t.sigterm())).as("SIGTERM after the 1 s preStop").isBetween(Duration.ofMillis(900), Duration.ofMillis(2900));
        // The exact instants are EksGracePeriodTest's (manual clock); here the real exec inside a real workload.
        assertThat(Duration.between(t.detected(), t.killed())).as("SIGKILL 4 s after preStop began, not 4 s after SIGTERM")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(4)).isLessThan(Duration.ofSeconds(5));
        assertThat(t.exitCode()).isEqualTo(137);
        assertThat(t.drainedCleanly()).isFalse();
        assertThat(t.explanation()).startsWith("exit 137 at its ").contains("deadline: PID 1 did not exit on SIGTERM");
    }

    @Test
    void aWorkloadSigkilledMidDrainByAnotherProcessIsRecordedAsKilledNotDrained() throws Exception {
        run("lane: fargate-spot\nstopTimeout: 30s", IGNORES_TERM, null);
        interruptWithNotice(Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(10)).until(() -> logOf("task-0001").contains("ignoring TERM"));
        long pid = Long.parseLong(first().workload().substring("pid ".length()));
        // The OOM killer, or an operator: a SIGKILL spotsim did not send.
        new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
        await().atMost(Duration.ofSeconds(10)).until(() -> first().exited() != null);

        TaskRecord t = first();
        assertThat(t.killed()).as("spotsim did not kill it").isNull();
        assertThat(t.exitCode()).isEqualTo(137);
        assertThat(t.exitSignal()).isEqualTo("SIGKILL");
        assertThat(t.drainedCleanly()).isFalse();
        assertThat(t.explanation()).isEqualTo("exit 137: SIGKILL that spotsim did not send (the OOM killer, or another process)");
        assertThat(runtime.calls("task-0001")).containsExactly("SIGTERM");
    }

    @Test
    void theAppLaneSendsNothingAndItsTaskDiesWithTheInstance() {
        run("lane: app", IGNORES_TERM, null);
        interruptWithNotice(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(15)).until(() -> first().exited() != null);

        TaskRecord t = first();
        assertThat(runtime.calls("task-0001")).containsExactly("SIGKILL");
        assertThat(t.sigterm()).isNull();
        assertThat(t.explanation()).isEqualTo("exit 137 at the action time: still running when its instance went (nothing stopped it before)");
        assertThat(platform.timeline()).extracting(TimelineEntry::kind).contains("notice-unhandled", "killed");
        assertThat(List.of(platform.capacity(), platform.desiredCapacity())).as("app tasks serve traffic: capacity is healthy targets")
                .containsExactly(platform.healthyCapacity(), 1);
    }
}
