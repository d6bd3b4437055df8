package dev.spotsim.scenarios.model;

import java.time.Duration;

/**
 * The local balancer's target group: deregistration delay (ALB default 300 s) and how long it
 * waits for a target before answering 504.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#deregistration-delay
 */
public record LoadBalancerSpec(Duration deregistrationDelay, Duration targetTimeout) {
    public static final Duration ALB_DEFAULT_DEREGISTRATION_DELAY = Duration.ofSeconds(300);
    /** ALB's idle timeout, after which a silent target gets the client a 504. */
    public static final Duration ALB_DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    public LoadBalancerSpec {
        deregistrationDelay = deregistrationDelay == null ? ALB_DEFAULT_DEREGISTRATION_DELAY : deregistrationDelay;
        if (deregistrationDelay.isNegative() || deregistrationDelay.compareTo(Duration.ofSeconds(3600)) > 0) {
            throw new IllegalArgumentException("deregistrationDelay: ALB allows 0..3600s, got " + deregistrationDelay.toSeconds() + "s");
        }
        targetTimeout = targetTimeout == null ? ALB_DEFAULT_IDLE_TIMEOUT : targetTimeout;
        if (targetTimeout.isNegative() || targetTimeout.isZero()) {
            throw new IllegalArgumentException("targetTimeout: expected a positive duration, got " + targetTimeout);
        }
    }

    public static LoadBalancerSpec defaults() {
        return new LoadBalancerSpec(null, null);
    }
}
