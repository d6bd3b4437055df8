package dev.spotsim.simulator.events.sink;

import java.time.Duration;

/** Exponential backoff between delivery attempts: {@code first}, doubling after each failure, up to {@code max}. */
public record Backoff(Duration first, Duration max) {
    /**
     * 100 ms doubling to 2 s: a target that comes back gets its backlog within about 2 s (with a
     * 30 s cap a 60 s outage took 23 s to catch up), and one probe every 2 s is no load on one that stays down.
     */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    public Backoff {
        if (first == null || first.isNegative() || first.isZero()) {
            throw new IllegalArgumentException("backoff: expected a positive duration, got " + first);
        }
        if (max == null || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("maxBackoff: expected at least backoff (" + first + "), got " + max);
        }
    }

    /** The wait after {@code current}. */
    public Duration after(Duration current) {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
