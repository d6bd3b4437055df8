package dev.spotsim.simulator.workload;

import java.time.Instant;

/**
 * How a workload ended.
 *
 * @param exitCode as a shell reports it: 0..255, 128 + n when killed by signal n (137 = SIGKILL, 143 = SIGTERM)
 * @param signal   the signal that ended it, or null when it exited on its own
 * @param oomKilled the kernel's OOM killer ended it (containers report it; processes cannot tell)
 */
public record WorkloadExit(Instant at, int exitCode, Signal signal, boolean oomKilled) {
    /**
     * How a shell reports an exit code: above 128 and naming a signal spotsim knows, that signal ended it
     * (or the program answered it by exiting with that code, as a JVM does on SIGTERM).
     */
    public static WorkloadExit ofExitCode(Instant at, int exitCode) {
        Signal signal = exitCode > 128 && exitCode <= 128 + 64 ? Signal.ofNumber(exitCode - 128) : null;
        return new WorkloadExit(at, exitCode, signal, false);
    }

    /** It ended by its own exit call, not by a signal. */
    public boolean exitedOnItsOwn() {
        return signal == null && !oomKilled;
    }
}
