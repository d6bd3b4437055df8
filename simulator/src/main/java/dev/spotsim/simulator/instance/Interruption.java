package dev.spotsim.simulator.instance;

import java.time.Instant;

/**
 * One planned Spot interruption: an optional rebalance recommendation, the two-minute-style notice,
 * and the moment the action happens, for {@code instanceId}. {@code rebalanceTime} is null when no
 * recommendation precedes it.
 */
public record Interruption(String instanceId, InterruptionAction action, Instant rebalanceTime, Instant noticeTime, Instant actionTime) {
    public Interruption {
        if (instanceId == null || action == null || noticeTime == null || actionTime == null) {
            throw new IllegalArgumentException("instanceId, action, noticeTime and actionTime are required");
        }
        if (actionTime.isBefore(noticeTime)) {
            throw new IllegalArgumentException("the action cannot come before the notice");
        }
        if (rebalanceTime != null && rebalanceTime.isAfter(noticeTime)) {
            throw new IllegalArgumentException("a rebalance recommendation comes before the notice");
        }
    }
}
