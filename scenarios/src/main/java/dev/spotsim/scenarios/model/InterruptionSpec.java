package dev.spotsim.scenarios.model;

import dev.spotsim.scenarios.select.Selection;
import java.time.Duration;

/**
 * One step of the schedule, {@code at} a time after the load starts: a Spot interruption of the
 * selected instances, or the reclaim of a whole pool (with its capacity back after {@code restoreAfter}).
 */
public record InterruptionSpec(Duration at, InterruptionAction action, Duration notice, Duration rebalanceLead, Selection select,
                               Reclaim reclaim) {
    private static final Duration MAX_NOTICE = Duration.ofMinutes(15);

    public InterruptionSpec {
        if (at == null) {
            throw new IllegalArgumentException("at: required, the time after the load starts, e.g. 30s");
        }
        action = action == null ? InterruptionAction.TERMINATE : action;
        notice = notice == null ? Duration.ofMinutes(2) : notice;
        if (notice.isZero() || notice.compareTo(MAX_NOTICE) > 0) {
            throw new IllegalArgumentException("notice: expected above 0s and at most 15m (AWS gives 2m), got " + notice);
        }
        rebalanceLead = rebalanceLead == null ? Duration.ZERO : rebalanceLead;
        if ((select == null) == (reclaim == null)) {
            throw new IllegalArgumentException("expected either select (which instances) or reclaim (a whole pool)");
        }
    }

    /** A pool losing its Spot capacity. */
    public record Reclaim(String pool, Duration restoreAfter) {
        public Reclaim {
            if (pool == null || !pool.matches("[a-z0-9-]+\\.[a-z0-9]+/[a-z]{2}(-[a-z]+)+-\\d[a-z]")) {
                throw new IllegalArgumentException("pool: expected instance-type/availability-zone like c5.large/us-east-1a, got "
                        + (pool == null ? "nothing" : "\"" + pool + "\""));
            }
        }
    }
}
