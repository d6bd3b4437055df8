package dev.spotsim.simulator.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spotsim.scenarios.model.LoadBalancerSpec;
import dev.spotsim.scenarios.model.WorkloadSpec;
import dev.spotsim.scenarios.parse.StructuredReader;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.clock.ManualClock;
import dev.spotsim.simulator.fleet.InterruptRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EKS's deadlines on a manual clock, to the instant: terminationGracePeriodSeconds counts from the eviction (the start
 * of preStop), not from SIGTERM; a hook still running at the end of the grace period is given up on, SIGTERM goes out
 * then, and the kubelet's one-off 2 s extension is the last SIGTERM-to-SIGKILL gap.
 */
class EksGracePeriodTest {
    /** Ignores SIGTERM, so only SIGKILL ends it and the record shows exactly when that came. */
    private static final String IGNORES_TERM = "trap 'echo ignoring TERM' TERM; echo ready; while :; do sleep 0.1; done";
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-29T12:00:00Z"));
    @TempDir
    Path logs;
    private SpotSim sim;
    private RecordingRuntime runtime;
    private Platform platform;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
        if (runtime != null) {
            assertThat(runtime.started).as("no workload outlives the simulator").noneMatch(w -> w.isAlive());
        }
    }

    /** Starts one EKS task with {@code preStop} and {@code gracePeriod}, interrupts its node, and returns the eviction instant. */
    private Instant evictWith(String preStop, String gracePeriod) throws Exception {
        sim = SpotSim.builder().clock(clock).instances(1).start();
        WorkloadSpec workload = new StructuredReader().read("""
                lane: eks-nth
                pollInterval: 2s
                preStop: {command: "%s"}
                terminationGracePeriod: %s
                command: unused-the-runtime-runs-its-own
                """.formatted(preStop, gracePeriod), "workload", false, WorkloadSpec.class);
        runtime = new RecordingRuntime(IGNORES_TERM, logs, null);
        platform = sim.runWorkload(new PlatformSettings(workload, 1, logs, logs, "spotsim", "run-eks"),
                new LoadBalancerSpec(Duration.ofSeconds(1), Duration.ofSeconds(5)), 0, runtime);
        await().atMost(Duration.ofSeconds(20)).until(() -> log().contains("ready"));
        sim.interrupt(sim.firstInstanceId(), new InterruptRequest(null, Duration.ofMinutes(2), null, null));
        // The node was launched at this very instant, so the handler's 2 s polls have one now: the eviction is immediate.
        Instant evicted = task().detected();
        assertThat(evicted).as("evicted at the handler's poll").isEqualTo(clock.now());
        return evicted;
    }

    private String log() throws java.io.IOException {
        Path log = logs.resolve("task-0001.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private TaskRecord task() {
        return platform.tasks().get(0);
    }

    private boolean timelineHas(String text) {
        return platform.timeline().stream().anyMatch(e -> e.detail().contains(text));
    }

    @Test
    void sigkillComesAtTheGracePeriodCountedFromTheStartOfPreStopNotFromSigterm() throws Exception {
        Instant evicted = evictWith("echo prestop ran", "5s");
        await().atMost(Duration.ofSeconds(20)).until(() -> task().sigterm() != null);
        assertThat(task().sigterm()).as("the hook ended before the clock moved: SIGTERM right after it").isEqualTo(evicted);

        clock.advance(Duration.ofMillis(4999));
        assertThat(task().killed()).isNull();
        assertThat(runtime.calls("task-0001")).doesNotContain("SIGKILL");
        clock.advance(Duration.ofMillis(1));

        assertThat(task().killed()).isEqualTo(evicted.plusSeconds(5));
        assertThat(runtime.calls("task-0001")).containsExactly("exec /bin/sh -c echo prestop ran", "SIGTERM", "SIGKILL");
        await().atMost(Duration.ofSeconds(20)).until(() -> task().exited() != null);
        assertThat(task().exitCode()).isEqualTo(137);
        assertThat(log()).contains("prestop ran");
        assertThat(timelineHas("task-0001: preStop exited 0")).isTrue();
    }

    @Test
    void aPreStopStillRunningAtTheGracePeriodIsGivenUpOnThenSigtermAndSigkillTwoSecondsLater() throws Exception {
        Instant evicted = evictWith("sleep 30", "3s");
        await().atMost(Duration.ofSeconds(20)).until(() -> runtime.calls("task-0001").contains("exec /bin/sh -c sleep 30"));

        clock.advance(Duration.ofMillis(2999));
        assertThat(task().sigterm()).as("SIGTERM waits for the hook").isNull();
        clock.advance(Duration.ofMillis(1));
        assertThat(task().sigterm()).isEqualTo(evicted.plusSeconds(3));
        assertThat(timelineHas("task-0001: preStop still running at the end of its 3s grace period")).isTrue();

        clock.advance(Duration.ofMillis(1999));
        assertThat(task().killed()).isNull();
        clock.advance(Duration.ofMillis(1));
        assertThat(task().killed()).as("the kubelet's one-off 2 s extension").isEqualTo(evicted.plusSeconds(5));

        await().atMost(Duration.ofSeconds(20)).until(() -> task().exited() != null);
        // The hook is not run twice, nor does its late end stop the task again.
        await().atMost(Duration.ofSeconds(30)).until(() -> timelineHas("after the grace period"));
        assertThat(runtime.calls("task-0001")).containsExactly("exec /bin/sh -c sleep 30", "SIGTERM", "SIGKILL");
    }
}
