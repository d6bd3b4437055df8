package dev.spotsim.simulator.platform;

import dev.spotsim.simulator.workload.WorkloadExit;
import java.time.Duration;
import java.util.List;

/**
 * Tells a workload that cannot run (it exits right after starting, again and again: a command that
 * does not exist, a missing file, a bad flag) from one that crashed once. After {@link #LIMIT} early
 * exits in a row the platform stops placing tasks and says why, instead of restarting it in a tight loop.
 */
final class CrashWatch {
    /** Early exits in a row that mean the workload cannot start. */
    static final int LIMIT = 3;
    /** An exit this soon after the start, before the task was ever healthy, is an early one. */
    static final Duration EARLY = Duration.ofSeconds(10);
    private static final int LOG_LINES = 10;
    private int inARow;
    private String failure;

    /** A task became healthy: the workload can run. */
    synchronized void healthy() {
        inARow = 0;
    }

    /**
     * A task exited by itself outside any drain; returns the failure once this makes {@link #LIMIT}
     * early exits in a row, else null.
     */
    synchronized String exitedOnItsOwn(Task task, WorkloadExit exit, boolean early, String command) {
        if (!early) {
            inARow = 0;
            return null;
        }
        inARow++;
        if (inARow < LIMIT || failure != null) {
            return null;
        }
        List<String> tail = task.workload.logTail(LOG_LINES);
        StringBuilder text = new StringBuilder("the workload exits right after it starts (" + LIMIT + " times in a row, the last with exit "
                + exit.exitCode() + (exit.exitCode() == 127 ? ": command not found" : "") + "); command: " + command + "; log "
                + task.workload.log());
        if (tail.isEmpty()) {
            text.append(" is empty");
        } else {
            text.append(", last lines:");
            tail.forEach(line -> text.append("\n  ").append(line));
        }
        failure = text.toString();
        return failure;
    }

    /** Why the platform stopped placing tasks, or null while it places them. */
    synchronized String failure() {
        return failure;
    }
}
