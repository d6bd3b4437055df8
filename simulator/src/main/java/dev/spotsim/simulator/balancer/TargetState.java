package dev.spotsim.simulator.balancer;

/**
 * ALB's target health states, as {@code describe-target-health} names them.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html#target-health-states
 */
public enum TargetState {
    /** Registered; has not passed a health check yet, so gets no traffic. */
    INITIAL,
    /** Passing health checks; gets traffic. */
    HEALTHY,
    /** Failed the unhealthy threshold of checks in a row; gets traffic only when no target is healthy (fail-open). */
    UNHEALTHY,
    /** Deregistering: no new requests; in-flight ones may finish until the deregistration delay ends. */
    DRAINING,
    /** Not (or no longer) registered. */
    UNUSED;

    public String wireName() {
        return name().toLowerCase();
    }
}
