package dev.spotsim.gatling;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A finished request as the client saw it.
 *
 * @param name the request's name (from the scenario, or the user's Simulation)
 * @param start when Gatling sent it (Gatling's clock: millisecond precision)
 * @param end when the answer or the failure arrived
 * @param status the HTTP status, or 0 when no response came (connection refused, timeout...)
 * @param failureCause null when ok; otherwise one of {@link FailureCause}'s names, e.g. "503" or "timeout"
 */
public record RequestOutcome(String name, Instant start, Instant end, int status, String failureCause) {
    public RequestOutcome {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** Time from sending to the answer (or the failure). */
    public Duration latency() {
        return Duration.between(start, end);
    }

    /** Whether the request failed, in which case {@link #failureCause()} says why. */
    public boolean failed() {
        return failureCause != null;
    }
}
