package dev.spotsim.simulator.balancer;

import java.time.Duration;
import java.util.List;

/**
 * A target group's health check, with ALB's defaults: path "/", every 30 s, 5 s timeout, healthy
 * again after 5 successes, unhealthy after 2 failures, success = HTTP 200. Durations may be shorter
 * than ALB allows so tests and quick scenarios can run in seconds.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
 */
public record HealthCheckSettings(String path, Duration interval, Duration timeout, int healthyThreshold, int unhealthyThreshold,
                                  SuccessCodes successCodes) {
    public HealthCheckSettings {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("health check path: expected a path starting with \"/\", got " + path);
        }
        if (interval == null || timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("health check interval and timeout: expected positive durations");
        }
        // ALB: "The timeout must be smaller than the interval."
        if (timeout.compareTo(interval) >= 0) {
            throw new IllegalArgumentException("health check timeout (" + timeout.toMillis() + " ms) must be shorter than its interval ("
                    + interval.toMillis() + " ms)");
        }
        if (healthyThreshold < 1 || unhealthyThreshold < 1) {
            throw new IllegalArgumentException("health check thresholds must be at least 1");
        }
        successCodes = successCodes == null ? SuccessCodes.ALB_DEFAULT : successCodes;
    }

    /** Success codes as one range {@code successFrom..successTo}, e.g. 200..399. */
    public HealthCheckSettings(String path, Duration interval, Duration timeout, int healthyThreshold, int unhealthyThreshold,
                               int successFrom, int successTo) {
        this(path, interval, timeout, healthyThreshold, unhealthyThreshold,
                new SuccessCodes(List.of(new SuccessCodes.Range(successFrom, successTo))));
    }

    public static HealthCheckSettings albDefaults() {
        return new HealthCheckSettings("/", Duration.ofSeconds(30), Duration.ofSeconds(5), 5, 2, SuccessCodes.ALB_DEFAULT);
    }

    public HealthCheckSettings withPath(String newPath) {
        return new HealthCheckSettings(newPath, interval, timeout, healthyThreshold, unhealthyThreshold, successCodes);
    }

    public HealthCheckSettings withTiming(Duration newInterval, Duration newTimeout) {
        return new HealthCheckSettings(path, newInterval, newTimeout, healthyThreshold, unhealthyThreshold, successCodes);
    }

    public HealthCheckSettings withThresholds(int healthy, int unhealthy) {
        return new HealthCheckSettings(path, interval, timeout, healthy, unhealthy, successCodes);
    }

    public HealthCheckSettings withSuccessCodes(String matcher) {
        return new HealthCheckSettings(path, interval, timeout, healthyThreshold, unhealthyThreshold, SuccessCodes.parse(matcher));
    }
}
