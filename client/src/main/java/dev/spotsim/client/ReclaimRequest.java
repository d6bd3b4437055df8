package dev.spotsim.client;

import java.time.Duration;

/** How a pool is reclaimed: the interruptions' action, notice and rebalance lead, and when capacity returns (null: by hand). */
public record ReclaimRequest(String action, Duration notice, Duration rebalanceLead, Duration restoreAfter) {
    /** AWS's default interruption, capacity back only when restored by hand. */
    public static ReclaimRequest awsDefault() {
        return new ReclaimRequest(null, null, null, null);
    }
}
