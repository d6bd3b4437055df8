package dev.spotsim.simulator.platform;

import dev.spotsim.simulator.workload.Signal;
import dev.spotsim.simulator.workload.WorkloadExit;

/** Plain words for a task that did not drain, such as "exit 137 at its 30s deadline: PID 1 did not exit on SIGTERM". */
final class DrainExplanation {
    private DrainExplanation() {
    }

    /** Why the task's exit was not a drain, or null when it was (read under the platform's lock). */
    static String of(Task t, WorkloadExit exit) {
        String code = "exit " + exit.exitCode();
        String base;
        if (exit.oomKilled()) {
            base = code + ": the OOM killer ended it (out of memory)";
        } else if (t.killed != null && t.killedWithHost) {
            base = code + " at the action time: still running when its instance went"
                    + (t.stopSignal == null ? " (nothing stopped it before)" : " (" + t.stopSignal.name() + " " + seconds(t) + " before)");
        } else if (t.killed != null && t.stopSignal != null) {
            base = code + " at its " + t.stopGrace.toSeconds() + "s deadline: PID 1 did not exit on " + t.stopSignal.name();
        } else if (t.killed != null) {
            base = code + ": killed by spotsim";
        } else if (exit.signal() == Signal.SIGKILL) {
            base = code + ": SIGKILL that spotsim did not send (the OOM killer, or another process)";
        } else if (exit.signal() != null && exit.signal() != t.stopSignal) {
            base = code + ": ended by " + exit.signal().name() + (t.stopSignal == null ? "" : " instead of exiting on " + t.stopSignal.name());
        } else {
            return null;
        }
        String hint = t.workload == null ? null : t.workload.undrainedHint(exit);
        return hint == null ? base : base + "; " + hint;
    }

    private static String seconds(Task t) {
        return t.stopSignalAt == null || t.killed == null ? "" : java.time.Duration.between(t.stopSignalAt, t.killed).toSeconds() + "s";
    }
}
