package dev.spotsim.reports.record;

import java.time.Duration;
import java.time.Instant;

/**
 * What happened to one workload through its instance's interruption. Any instant may be null when
 * the step did not happen (a naive workload is never deregistered by itself; a killed one never exits).
 * {@code stopSignal} is the signal sent at {@code sigterm} (a container's STOPSIGNAL may differ), {@code exitSignal}
 * the one its exit code names, {@code explanation} says in plain words why it did not drain (null when it did),
 * and {@code runsAs} what ran ("pid 4711", "container 3f2a9c0d1e2b (image)").
 */
public record WorkloadDrain(String workloadId, String instanceId, String lane, Instant notice, Instant detected,
                            Instant deregistered, Instant sigterm, Instant exited, Instant killed, Integer exitCode,
                            String stopSignal, String exitSignal, Boolean oomKilled, String explanation, String runsAs) {
    /** Without the how of the exit (records written before it was kept). */
    public WorkloadDrain(String workloadId, String instanceId, String lane, Instant notice, Instant detected, Instant deregistered,
                         Instant sigterm, Instant exited, Instant killed, Integer exitCode) {
        this(workloadId, instanceId, lane, notice, detected, deregistered, sigterm, exited, killed, exitCode, null, null, null, null, null);
    }

    /** Notice to exit; null when the workload was killed or never noticed. */
    public Duration drainTime() {
        return notice == null || exited == null || killed != null ? null : Duration.between(notice, exited);
    }

    /** Notice to the platform (or the workload) acting on it; null when nothing detected it. */
    public Duration detectionLatency() {
        return notice == null || detected == null ? null : Duration.between(notice, detected);
    }

    public boolean wasKilled() {
        return killed != null;
    }
}
