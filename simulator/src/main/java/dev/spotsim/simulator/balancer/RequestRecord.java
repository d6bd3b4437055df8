package dev.spotsim.simulator.balancer;

import java.time.Duration;
import java.time.Instant;

/**
 * One request through the balancer: when it started, which target served it (null when none did),
 * the status the client got, how long it took, and why it failed when the balancer answered itself
 * ("no_targets", "target_connection_error", "target_timeout", "target_reset").
 */
public record RequestRecord(Instant start, String targetId, int status, Duration latency, String errorCause) {
    public boolean failed() {
        return status >= 500;
    }
}
