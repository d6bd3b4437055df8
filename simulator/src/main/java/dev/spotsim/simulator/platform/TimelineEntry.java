package dev.spotsim.simulator.platform;

import java.time.Instant;

/** Something the platform did, for the run's timeline. */
public record TimelineEntry(Instant at, String kind, String instanceId, String detail) {
}
