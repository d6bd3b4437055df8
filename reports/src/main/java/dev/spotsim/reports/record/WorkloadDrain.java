package dev.spotsim.reports.record;

import java.time.Duration;
import java.time.Instant;

/**
 * What happened to one workload through its instance's interruption. Any instant may be null when
 * the step did not happen (a naive workload is never deregistered by itself; a killed one never exits).
 */
public record WorkloadDrain(String workloadId, String instanceId, String lane, Instant notice, Instant detected,
                            Instant deregistered, Instant sigterm, Instant exited, Instant killed, Integer exitCode) {
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
