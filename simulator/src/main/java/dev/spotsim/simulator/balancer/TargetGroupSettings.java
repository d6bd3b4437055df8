package dev.spotsim.simulator.balancer;

import java.time.Duration;

/**
 * How the balancer treats its targets: health checks, how long a deregistering target may finish
 * in-flight requests (ALB default 300 s), and how long it waits for a target before answering 504.
 */
public record TargetGroupSettings(HealthCheckSettings healthCheck, Duration deregistrationDelay, Duration targetTimeout) {
}
