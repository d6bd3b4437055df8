package dev.spotsim.runner;

import java.time.Instant;
import java.util.List;

/**
 * One played step of the schedule: when it ran, what it did, the instances it hit, and the first
 * signal (rebalance recommendation or notice) and last action among them; null instants when it hit nothing.
 */
record StepResult(int index, Instant playedAt, String description, List<String> instanceIds, Instant firstSignal, Instant lastAction) {
    StepResult {
        instanceIds = List.copyOf(instanceIds);
    }

    boolean hitSomething() {
        return !instanceIds.isEmpty();
    }
}
