package dev.spotsim.simulator.platform;

import java.time.Instant;

/**
 * What happened to one task: created, the notice of its instance, when the platform detected it,
 * deregistered it from the balancer, sent its stop signal ({@code sigterm}: when, {@code stopSignal}:
 * which), and when it exited and how: the exit code as a shell reports it (0, 143, 137, ...), the
 * signal that code names, whether the OOM killer ended it, and {@code killed} when spotsim sent
 * SIGKILL. {@code explanation} says in plain words why a task did not drain (null when it did).
 * {@code workload} is what ran, for humans ("pid 4711", "container 3f2a9c0d1e2b").
 */
public record TaskRecord(String taskId, String instanceId, String lane, int attempt, Instant createdAt, Instant notice, Instant detected,
                         Instant deregistered, Instant sigterm, Instant exited, Instant killed, Integer exitCode, String stopSignal,
                         String exitSignal, boolean oomKilled, String explanation, String workload) {
    /**
     * It drained: it exited by itself, either without a signal or answering the stop signal it was sent.
     * Anything else (SIGKILL from anyone, the OOM killer, a crash by another signal) did not.
     */
    public boolean drainedCleanly() {
        if (exited == null || killed != null || oomKilled) {
            return false;
        }
        return exitSignal == null || exitSignal.equals(stopSignal);
    }
}
