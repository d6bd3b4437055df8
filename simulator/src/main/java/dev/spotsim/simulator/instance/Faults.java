package dev.spotsim.simulator.instance;

import java.time.Duration;

/**
 * Faults injected into one instance's IMDS so clients' retry paths can be tested:
 * a delay before every answer, an error status for a share of requests, and a share of requests
 * that never get an answer (the client's timeout fires). Shares are between 0 and 1.
 */
public record Faults(Duration delay, int errorStatus, double errorRate, double timeoutRate) {
    public static final Duration MAX_DELAY = Duration.ofMinutes(5);

    public Faults {
        if (delay == null) {
            delay = Duration.ZERO;
        }
        if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("delay: expected a duration between 0s and 5m, got " + delay);
        }
        if (errorRate < 0 || errorRate > 1) {
            throw new IllegalArgumentException("errorRate: expected a share between 0 and 1, got " + errorRate);
        }
        if (timeoutRate < 0 || timeoutRate > 1) {
            throw new IllegalArgumentException("timeoutRate: expected a share between 0 and 1, got " + timeoutRate);
        }
        if (errorRate + timeoutRate > 1) {
            throw new IllegalArgumentException("errorRate + timeoutRate: expected at most 1, got " + (errorRate + timeoutRate));
        }
        if (errorRate > 0 && (errorStatus < 400 || errorStatus > 599)) {
            throw new IllegalArgumentException("errorStatus: expected an HTTP error status 400..599 (e.g. 429, 500, 503), got " + errorStatus);
        }
    }

    public static Faults none() {
        return new Faults(Duration.ZERO, 0, 0, 0);
    }

    public boolean isNone() {
        return delay.isZero() && errorRate == 0 && timeoutRate == 0;
    }
}
