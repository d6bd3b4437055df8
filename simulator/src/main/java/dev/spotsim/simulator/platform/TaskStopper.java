package dev.spotsim.simulator.platform;

import dev.spotsim.scenarios.model.WorkloadSpec;
import dev.spotsim.simulator.clock.SimClock;
import dev.spotsim.simulator.workload.ExecResult;
import dev.spotsim.simulator.workload.RunningWorkload;
import dev.spotsim.simulator.workload.Signal;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the platform stops a task, whatever runs it: the task's stop signal, SIGKILL at the deadline
 * if it still runs, a preStop hook executed inside the workload, SIGKILL when its instance goes.
 */
final class TaskStopper {
    private static final Logger LOG = LoggerFactory.getLogger(TaskStopper.class);
    private final Platform platform;
    /** Pending SIGKILLs at stop deadlines, by task id: cancelled once the task exits. */
    private final Map<String, SimClock.Scheduled> deadlines = new ConcurrentHashMap<>();

    TaskStopper(Platform platform) {
        this.platform = platform;
    }

    /** Sends the task's stop signal once; SIGKILL at now + {@code grace} if it still runs then. */
    void stop(Task task, Duration grace) {
        RunningWorkload w = task.workload;
        if (w == null || !w.isAlive()) {
            return;
        }
        Signal signal = w.stopSignal();
        synchronized (platform) {
            if (task.stopSignal != null) {
                return;
            }
            task.stopSignal = signal;
            task.stopSignalAt = platform.now();
            task.stopGrace = grace;
        }
        w.signal(signal);
        platform.timeline("sigterm", task.instanceId, task.id + ": " + signal.name() + ", SIGKILL in " + grace.toSeconds() + "s if still running");
        deadlines.put(task.id, platform.clock().schedule(platform.now().plus(grace), () -> {
            deadlines.remove(task.id);
            if (w.isAlive()) {
                kill(task, false);
                platform.timeline("sigkill", task.instanceId, task.id + " outlived its " + grace.toSeconds() + "s grace period");
            }
        }));
    }

    /** SIGKILL now; {@code withHost}: because its instance goes, not at a stop deadline. */
    void kill(Task task, boolean withHost) {
        RunningWorkload w = task.workload;
        if (w == null || !w.isAlive()) {
            return;
        }
        synchronized (platform) {
            if (task.killed == null) {
                task.killed = platform.now();
                task.killedWithHost = withHost;
            }
        }
        w.signal(Signal.SIGKILL);
    }

    /** The task exited: its stop deadline no longer matters. */
    void exited(Task task) {
        SimClock.Scheduled pending = deadlines.remove(task.id);
        if (pending != null) {
            pending.cancel();
        }
    }

    /**
     * Runs the spec's preStop hook, then {@code then}: a sleep on the clock, or a command executed inside
     * the workload (bounded by the grace period; it is on the clock's side of the drain, not a thread of ours that blocks it).
     */
    void preStop(Task task, Runnable then) {
        WorkloadSpec spec = platform.spec();
        WorkloadSpec.PreStop hook = spec.preStop();
        if (hook == null) {
            then.run();
            return;
        }
        if (hook.sleep() != null) {
            platform.at(platform.now().plus(hook.sleep()), then);
            return;
        }
        RunningWorkload w = task.workload;
        Thread t = new Thread(() -> {
            try {
                ExecResult r = w.exec(List.of("/bin/sh", "-c", hook.command()), spec.terminationGracePeriod());
                platform.timeline("prestop", task.instanceId, task.id + ": preStop exited " + r.exitCode()
                        + (r.exitCode() == 124 ? " (still running at the grace period)" : ""));
            } catch (IOException e) {
                LOG.warn("preStop of {} could not start: {}", task.id, e.getMessage());
                platform.timeline("prestop", task.instanceId, task.id + ": preStop could not start: " + e.getMessage());
            }
            platform.clock().schedule(platform.now(), then);
        }, "spotsim-prestop-" + task.id);
        t.setDaemon(true);
        t.start();
    }
}
