package dev.spotsim.simulator.balancer;

/**
 * How a target group picks among its routable targets ({@code load_balancing.algorithm.type}).
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#modify-routing-algorithm
 */
public enum RoutingAlgorithm {
    /** ALB's default: each routable target in turn. */
    ROUND_ROBIN,
    /** The routable target with the fewest requests in flight; ties go round robin. */
    LEAST_OUTSTANDING_REQUESTS;

    public String wireName() {
        return name().toLowerCase();
    }
}
