package dev.spotsim.reports.record;

import java.time.Instant;

/**
 * One instant worth marking on the run's timeline: a rebalance recommendation, a notice, an action,
 * a launch, a deregistration, a SIGTERM, an exit or a kill. {@code instanceId} may be null.
 */
public record TimelineEntry(Instant at, String kind, String instanceId, String detail) {
}
