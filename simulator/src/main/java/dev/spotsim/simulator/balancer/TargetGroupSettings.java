package dev.spotsim.simulator.balancer;

import dev.spotsim.scenarios.model.LoadBalancerSpec;
import dev.spotsim.scenarios.model.WorkloadSpec;
import java.time.Duration;

/**
 * How the balancer treats its targets: the health check, how long a deregistering target may finish
 * in-flight requests (ALB default 300 s, 0..3600 s), how long a target may stay silent before the
 * client gets 504 (ALB's idle timeout, default 60 s), and the routing algorithm.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#deregistration-delay
 */
public record TargetGroupSettings(HealthCheckSettings healthCheck, Duration deregistrationDelay, Duration targetTimeout,
                                  RoutingAlgorithm algorithm) {
    public static final Duration ALB_DEFAULT_DEREGISTRATION_DELAY = LoadBalancerSpec.ALB_DEFAULT_DEREGISTRATION_DELAY;
    public static final Duration ALB_DEFAULT_IDLE_TIMEOUT = LoadBalancerSpec.ALB_DEFAULT_IDLE_TIMEOUT;
    /** ALB gives up connecting to a target after 10 s and answers 504 (not configurable on ALB either). */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public TargetGroupSettings {
        healthCheck = healthCheck == null ? HealthCheckSettings.albDefaults() : healthCheck;
        deregistrationDelay = deregistrationDelay == null ? ALB_DEFAULT_DEREGISTRATION_DELAY : deregistrationDelay;
        targetTimeout = targetTimeout == null ? ALB_DEFAULT_IDLE_TIMEOUT : targetTimeout;
        algorithm = algorithm == null ? RoutingAlgorithm.ROUND_ROBIN : algorithm;
        if (deregistrationDelay.isNegative() || deregistrationDelay.compareTo(Duration.ofSeconds(3600)) > 0) {
            throw new IllegalArgumentException("deregistrationDelay: ALB allows 0..3600s, got " + deregistrationDelay);
        }
        if (targetTimeout.isNegative() || targetTimeout.isZero()) {
            throw new IllegalArgumentException("targetTimeout: expected a positive duration, got " + targetTimeout);
        }
    }

    /** Round robin with the given health check, delay and timeout. */
    public TargetGroupSettings(HealthCheckSettings healthCheck, Duration deregistrationDelay, Duration targetTimeout) {
        this(healthCheck, deregistrationDelay, targetTimeout, RoutingAlgorithm.ROUND_ROBIN);
    }

    /**
     * The target group a scenario describes: its balancer section and its workload's health check
     * (already held to ALB's limits there), with success codes 200-399 so a redirecting health path counts.
     */
    public static TargetGroupSettings of(LoadBalancerSpec lb, WorkloadSpec.HealthCheck hc) {
        return new TargetGroupSettings(HealthCheckSettings.of(hc).withSuccessCodes("200-399"), lb.deregistrationDelay(), lb.targetTimeout());
    }

    public static TargetGroupSettings albDefaults() {
        return new TargetGroupSettings(null, null, null, null);
    }

    public TargetGroupSettings withAlgorithm(RoutingAlgorithm newAlgorithm) {
        return new TargetGroupSettings(healthCheck, deregistrationDelay, targetTimeout, newAlgorithm);
    }
}
