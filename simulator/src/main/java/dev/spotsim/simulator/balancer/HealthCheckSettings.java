package dev.spotsim.simulator.balancer;

import java.time.Duration;

/**
 * A target group's health check, with ALB's defaults: every 30 s, 5 s timeout, healthy after 5
 * successes, unhealthy after 2 failures, success = HTTP 200 (or a range like 200-399).
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
 */
public record HealthCheckSettings(String path, Duration interval, Duration timeout, int healthyThreshold, int unhealthyThreshold,
                                  int successFrom, int successTo) {
    public HealthCheckSettings {
        if (timeout.compareTo(interval) >= 0) {
            throw new IllegalArgumentException("health check timeout must be shorter than its interval");
        }
        if (healthyThreshold < 1 || unhealthyThreshold < 1) {
            throw new IllegalArgumentException("health check thresholds must be at least 1");
        }
    }

    public static HealthCheckSettings albDefaults(String path) {
        return new HealthCheckSettings(path, Duration.ofSeconds(30), Duration.ofSeconds(5), 5, 2, 200, 200);
    }

    boolean isSuccess(int status) {
        return status >= successFrom && status <= successTo;
    }
}
