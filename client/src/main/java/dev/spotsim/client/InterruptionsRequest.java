package dev.spotsim.client;

import java.time.Duration;
import java.time.Instant;

/**
 * Interrupt what {@code select} picks: now, at {@code at} or after {@code delay} (give at most one), with the
 * action, notice and rebalance lead; {@code seed} makes random picks repeat.
 */
public record InterruptionsRequest(Selection select, Instant at, Duration delay, String action, Duration notice, Duration rebalanceLead,
                                   Long seed) {
    /** Now, the AWS way. */
    public static InterruptionsRequest now(Selection select) {
        return new InterruptionsRequest(select, null, null, null, null, null, null);
    }

    public InterruptionsRequest at(Instant when) {
        return new InterruptionsRequest(select, when, null, action, notice, rebalanceLead, seed);
    }

    public InterruptionsRequest after(Duration d) {
        return new InterruptionsRequest(select, null, d, action, notice, rebalanceLead, seed);
    }

    public InterruptionsRequest withInterruption(InterruptRequest how) {
        return new InterruptionsRequest(select, at, delay, how.action(), how.notice(), how.rebalanceLead(), seed);
    }

    public InterruptionsRequest withSeed(long s) {
        return new InterruptionsRequest(select, at, delay, action, notice, rebalanceLead, s);
    }
}
