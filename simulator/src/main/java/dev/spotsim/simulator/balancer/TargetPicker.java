package dev.spotsim.simulator.balancer;

import java.util.List;

/**
 * Chooses the target for a request, as ALB does: only healthy targets while any is healthy; when
 * every registered target that has been checked is unhealthy, all of them (fail-open); never an
 * initial or draining target. Allocates nothing per request.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
 */
final class TargetPicker {
    private final RoutingAlgorithm algorithm;
    private int next;

    TargetPicker(RoutingAlgorithm algorithm) {
        this.algorithm = algorithm;
    }

    /** The target for the next request, or null when none may take it ({@link #whyNone} says why). */
    Target pick(List<Target> targets) {
        TargetState pool = routableState(targets);
        if (pool == null) {
            return null;
        }
        return algorithm == RoutingAlgorithm.ROUND_ROBIN ? roundRobin(targets, pool) : leastOutstanding(targets, pool);
    }

    /** Why {@link #pick} found nothing: no registered target at all, or none checked healthy yet. */
    static ErrorCause whyNone(List<Target> targets) {
        for (Target t : targets) {
            if (t.isRegistered()) {
                return ErrorCause.NO_HEALTHY_TARGETS;
            }
        }
        return ErrorCause.NO_REGISTERED_TARGETS;
    }

    /** HEALTHY while any target is healthy, else UNHEALTHY when any is (fail-open), else null. */
    private static TargetState routableState(List<Target> targets) {
        boolean anyUnhealthy = false;
        for (Target t : targets) {
            if (t.state() == TargetState.HEALTHY) {
                return TargetState.HEALTHY;
            }
            anyUnhealthy |= t.state() == TargetState.UNHEALTHY;
        }
        return anyUnhealthy ? TargetState.UNHEALTHY : null;
    }

    private Target roundRobin(List<Target> targets, TargetState pool) {
        int eligible = 0;
        for (Target t : targets) {
            if (t.state() == pool) {
                eligible++;
            }
        }
        int wanted = Math.floorMod(next++, eligible);
        for (Target t : targets) {
            if (t.state() == pool && wanted-- == 0) {
                return t;
            }
        }
        throw new IllegalStateException("unreachable: " + eligible + " eligible targets");
    }

    /** Fewest requests in flight; ties broken by a rotating start so equal targets share the load. */
    private Target leastOutstanding(List<Target> targets, TargetState pool) {
        int size = targets.size();
        int offset = Math.floorMod(next++, size);
        Target best = null;
        for (int i = 0; i < size; i++) {
            Target t = targets.get((offset + i) % size);
            if (t.state() == pool && (best == null || t.inFlight < best.inFlight)) {
                best = t;
            }
        }
        return best;
    }
}
