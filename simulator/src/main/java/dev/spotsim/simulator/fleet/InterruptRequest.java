package dev.spotsim.simulator.fleet;

import dev.spotsim.simulator.instance.InterruptionAction;
import java.time.Duration;

/**
 * How to interrupt one instance: the action, the notice period (AWS gives two minutes), a delay
 * before anything happens, and an optional rebalance-recommendation lead before the notice
 * (AWS FIS's order: recommendation first, then the notice).
 */
public record InterruptRequest(InterruptionAction action, Duration notice, Duration delay, Duration rebalanceLead) {
    public static final Duration AWS_NOTICE = Duration.ofMinutes(2);
    private static final Duration MAX_NOTICE = Duration.ofMinutes(15);
    private static final Duration MAX_WAIT = Duration.ofDays(1);

    public InterruptRequest {
        action = action == null ? InterruptionAction.TERMINATE : action;
        notice = notice == null ? AWS_NOTICE : notice;
        delay = delay == null ? Duration.ZERO : delay;
        rebalanceLead = rebalanceLead == null ? Duration.ZERO : rebalanceLead;
        if (notice.isNegative() || notice.isZero() || notice.compareTo(MAX_NOTICE) > 0) {
            throw new IllegalArgumentException("notice: expected a duration above 0s and at most 15m (AWS gives 2m), got " + notice);
        }
        if (delay.isNegative() || delay.compareTo(MAX_WAIT) > 0) {
            throw new IllegalArgumentException("delay: expected a duration between 0s and 24h, got " + delay);
        }
        if (rebalanceLead.isNegative() || rebalanceLead.compareTo(MAX_WAIT) > 0) {
            throw new IllegalArgumentException("rebalanceLead: expected a duration between 0s and 24h, got " + rebalanceLead);
        }
    }

    /** Terminate now, with AWS's two-minute notice. */
    public static InterruptRequest awsDefault() {
        return new InterruptRequest(null, null, null, null);
    }
}
