package dev.spotsim.simulator.aws.ssm;

import dev.spotsim.simulator.clock.SimClock;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One command on one instance: its status, its process while it runs, and what it wrote. Guarded by
 * its own lock; a terminal status is final (the first of exit, timeout, cancel or instance loss wins).
 * Times are kept to the millisecond, as SSM reports them (2026-11-29T10:00:00.123Z, PT0.172S).
 */
final class Invocation {
    /** The one plugin of AWS-RunShellScript. */
    static final String PLUGIN = "aws:runShellScript";
    final String instanceId;
    final Path folder;
    private InvocationStatus status = InvocationStatus.PENDING;
    private String statusDetails = "Pending";
    private int responseCode = -1;
    private Instant started;
    private Instant finished;
    private ScriptProcess process;
    private SimClock.Scheduled timer;

    Invocation(String instanceId, Path folder) {
        this.instanceId = instanceId;
        this.folder = folder;
    }

    /** A consistent copy of the mutable state. */
    record Snapshot(InvocationStatus status, String statusDetails, int responseCode, Instant started, Instant finished, String stdout,
                    String stderr) {
    }

    synchronized Snapshot snapshot(int stdoutChars, int stderrChars) {
        String out = ScriptProcess.head(folder.resolve(ScriptProcess.STDOUT), stdoutChars);
        String err = ScriptProcess.head(folder.resolve(ScriptProcess.STDERR), stderrChars);
        return new Snapshot(status, statusDetails, responseCode, started, finished, out, err);
    }

    synchronized String statusDetails() {
        return statusDetails;
    }

    synchronized ScriptProcess process() {
        return process;
    }

    synchronized InvocationStatus status() {
        return status;
    }

    synchronized void running(ScriptProcess p, Instant now, SimClock.Scheduled executionTimer) {
        process = p;
        started = now.truncatedTo(ChronoUnit.MILLIS);
        timer = executionTimer;
        status = InvocationStatus.IN_PROGRESS;
        statusDetails = "InProgress";
    }

    /** Moves to a terminal status unless one was reached already; returns the process to kill, if it still runs. */
    synchronized ScriptProcess finish(InvocationStatus to, String details, int code, Instant now) {
        if (status.terminal()) {
            return null;
        }
        status = to;
        statusDetails = details;
        responseCode = code;
        finished = now.truncatedTo(ChronoUnit.MILLIS);
        if (timer != null) {
            timer.cancel();
        }
        return to == InvocationStatus.SUCCESS || to == InvocationStatus.FAILED && code >= 0 ? null : process;
    }

    synchronized void deliveryTimer(SimClock.Scheduled t) {
        timer = t;
    }
}
