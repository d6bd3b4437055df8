package dev.spotsim.gameday;

import java.time.Instant;

/**
 * One thing that happened in a game day, for the run's timeline: an instance state change or launch,
 * an experiment or command status, a guard, a clean-up step. {@code instanceId} may be null.
 */
public record TimelineEvent(Instant at, String kind, String instanceId, String detail) {
}
