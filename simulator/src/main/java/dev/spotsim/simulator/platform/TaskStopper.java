package dev.spotsim.simulator.platform;

import dev.spotsim.scenarios.model.WorkloadSpec;
import dev.spotsim.simulator.clock.SimClock;
import dev.spotsim.simulator.workload.ExecResult;
import dev.spotsim.simulator.workload.RunningWorkload;
import dev.spotsim.simulator.workload.Signal;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the platform stops a task, whatever runs it: the task's stop signal, SIGKILL at the deadline
 * if it still runs, a preStop hook executed inside the workload, SIGKILL when its instance goes.
 */
final class TaskStopper {
    /**
     * The least time Kubernetes leaves between the stop signal and SIGKILL, even when preStop used up the grace period:
     * the kubelet's "one-off grace period extension of 2 seconds" (minimumGracePeriodInSeconds).
     * https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination
     */
    static final Duration MINIMUM_GRACE = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(TaskStopper.class);
    private final Platform platform;
    /** Pending SIGKILLs at stop deadlines, by task id: cancelled once the task exits. */
    private final Map<String, SimClock.Scheduled> deadlines = new ConcurrentHashMap<>();

    TaskStopper(Platform platform) {
        this.platform = platform;
    }

    /** Sends the task's stop signal once; SIGKILL at now + {@code grace} if it still runs then. */
    void stop(Task task, Duration grace) {
        stop(task, grace, platform.now().plus(grace));
    }

    /**
     * Sends the task's stop signal once; SIGKILL at {@code killAt} (exactly, on the clock), but no sooner than
     * {@code atLeast} after the signal, if it still runs then.
     */
    void stopUntil(Task task, Instant killAt, Duration atLeast) {
        Instant now = platform.now();
        Instant earliest = now.plus(atLeast);
        Instant at = killAt.isBefore(earliest) ? earliest : killAt;
        stop(task, Duration.between(now, at), at);
    }

    /** The stop signal now, recorded with {@code grace} (what the record's explanation names), SIGKILL at {@code killAt}. */
    private void stop(Task task, Duration grace, Instant killAt) {
        RunningWorkload w = task.workload;
        if (!signalStop(task, grace, killAt.minus(grace))) {
            return;
        }
        deadlines.put(task.id, platform.clock().schedule(killAt, () -> {
            deadlines.remove(task.id);
            if (kill(task, false, killAt)) {
                platform.timeline("sigkill", task.instanceId, task.id + " outlived its " + grace.toSeconds() + "s grace period");
            }
        }));
    }

    /** Sends the task's stop signal and records it, unless it was sent already or the task is gone; true when sent now. */
    boolean signalStop(Task task, Duration grace) {
        return signalStop(task, grace, platform.now());
    }

    /** As {@link #signalStop(Task, Duration)}, recorded at {@code at}: when the platform decided, before asking the runtime. */
    private boolean signalStop(Task task, Duration grace, Instant at) {
        RunningWorkload w = task.workload;
        if (w == null || !w.isAlive()) {
            return false;
        }
        Signal signal = w.stopSignal();
        synchronized (platform) {
            if (task.stopSignal != null) {
                return false;
            }
            task.stopSignal = signal;
            task.stopSignalAt = at;
            task.stopGrace = grace;
        }
        w.signal(signal);
        platform.timeline("sigterm", task.instanceId, task.id + ": " + signal.name() + ", SIGKILL in " + grace.toSeconds() + "s if still running");
        return true;
    }

    /** SIGKILL now; {@code withHost}: because its instance goes, not at a stop deadline. */
    void kill(Task task, boolean withHost) {
        kill(task, withHost, platform.now());
    }

    /**
     * SIGKILL if it still runs, recorded at {@code at} (the instant the platform acted, not after the runtime answered
     * whether it is alive: a container engine's inspect can take a while on a busy host); true when sent.
     */
    private boolean kill(Task task, boolean withHost, Instant at) {
        RunningWorkload w = task.workload;
        if (w == null || !w.isAlive()) {
            return false;
        }
        synchronized (platform) {
            if (task.killed == null) {
                task.killed = at;
                task.killedWithHost = withHost;
            }
        }
        w.signal(Signal.SIGKILL);
        return true;
    }

    /** The task exited: its stop deadline no longer matters. */
    void exited(Task task) {
        SimClock.Scheduled pending = deadlines.remove(task.id);
        if (pending != null) {
            pending.cancel();
        }
    }

    /**
     * Runs the spec's preStop hook, then {@code then}, at most until {@code deadline} on the platform's clock: a sleep on
     * the clock, or a command executed inside the workload. Kubernetes stops waiting for a hook at the end of the grace
     * period and goes on with the stop signal; the hook is not killed (it ends with its container). {@code then} runs once.
     * https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#hook-handler-execution
     */
    void preStop(Task task, Instant deadline, Runnable then) {
        WorkloadSpec.PreStop hook = platform.spec().preStop();
        if (hook == null) {
            then.run();
            return;
        }
        Instant started = platform.now();
        AtomicBoolean over = new AtomicBoolean();
        SimClock.Scheduled giveUp = platform.clock().schedule(deadline, () -> {
            if (over.compareAndSet(false, true)) {
                platform.timeline("prestop", task.instanceId, task.id + ": preStop still running at the end of its "
                        + platform.spec().terminationGracePeriod().toSeconds() + "s grace period; the kubelet stops waiting for it");
                then.run();
            }
        });
        Runnable ended = () -> {
            if (over.compareAndSet(false, true)) {
                giveUp.cancel();
                then.run();
            }
        };
        if (hook.sleep() != null) {
            platform.at(started.plus(hook.sleep()), ended);
        } else {
            execInside(task, hook.command(), Duration.between(started, deadline), over, ended);
        }
    }

    /**
     * Runs the hook's command inside the workload on a thread of its own (an exec blocks), then {@code ended} on the clock.
     * The exec's own timeout is only a backstop past the deadline and SIGKILL: the clock decides when the hook is over.
     */
    private void execInside(Task task, String command, Duration untilDeadline, AtomicBoolean over, Runnable ended) {
        RunningWorkload w = task.workload;
        Duration backstop = untilDeadline.plus(MINIMUM_GRACE).plusSeconds(5);
        Thread t = new Thread(() -> {
            String outcome;
            try {
                ExecResult r = w.exec(List.of("/bin/sh", "-c", command), backstop);
                outcome = "preStop exited " + r.exitCode() + (r.exitCode() == 124 ? " (killed by spotsim " + backstop.toSeconds() + "s after it began)" : "");
            } catch (IOException e) {
                LOG.warn("preStop of {} could not start: {}", task.id, e.getMessage());
                outcome = "preStop could not start: " + e.getMessage();
            }
            String detail = task.id + ": " + outcome + (over.get() ? ", after the grace period" : "");
            platform.clock().schedule(platform.now(), () -> {
                platform.timeline("prestop", task.instanceId, detail);
                ended.run();
            });
        }, "spotsim-prestop-" + task.id);
        t.setDaemon(true);
        t.start();
    }
}
