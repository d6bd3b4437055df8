package dev.spotsim.simulator.balancer;

/**
 * ALB's target health states.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html#target-health-states
 */
public enum TargetState {
    /** Registered; health checks not yet passed. */
    INITIAL,
    HEALTHY,
    UNHEALTHY,
    /** Deregistering: no new requests; in-flight ones may finish until the deregistration delay ends. */
    DRAINING,
    /** Gone from the target group. */
    UNUSED;

    public String wireName() {
        return name().toLowerCase();
    }
}
