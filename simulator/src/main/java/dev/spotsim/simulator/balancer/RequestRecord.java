package dev.spotsim.simulator.balancer;

import java.time.Duration;
import java.time.Instant;

/**
 * One request through the balancer: when it arrived, which target it went to (null when none), the
 * status the client got (460 when the client gave up first, as ALB logs it), how long it took, and,
 * when the balancer itself failed it, why ({@link ErrorCause#wireName()}; null otherwise).
 */
public record RequestRecord(Instant start, String targetId, int status, Duration latency, String errorCause) {
    /** Whether the client did not get a complete answer from a target, or got a 5xx. */
    public boolean failed() {
        return errorCause != null || status >= 500;
    }
}
