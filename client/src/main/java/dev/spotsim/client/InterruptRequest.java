package dev.spotsim.client;

import java.time.Duration;

/**
 * How to interrupt: the action (terminate, stop, hibernate), the notice before it, a delay before anything
 * happens, and a rebalance recommendation this long before the notice; null takes the AWS default.
 */
public record InterruptRequest(String action, Duration notice, Duration delay, Duration rebalanceLead) {
    /** The AWS way: terminate, two-minute notice, now. */
    public static InterruptRequest awsDefault() {
        return new InterruptRequest(null, null, null, null);
    }

    public InterruptRequest withAction(String a) {
        return new InterruptRequest(a, notice, delay, rebalanceLead);
    }

    public InterruptRequest withNotice(Duration n) {
        return new InterruptRequest(action, n, delay, rebalanceLead);
    }

    public InterruptRequest withDelay(Duration d) {
        return new InterruptRequest(action, notice, d, rebalanceLead);
    }

    public InterruptRequest withRebalanceLead(Duration r) {
        return new InterruptRequest(action, notice, delay, r);
    }
}
