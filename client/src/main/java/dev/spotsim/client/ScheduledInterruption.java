package dev.spotsim.client;

import java.time.Duration;
import java.time.Instant;

/** An interruption planned for later; the instances are picked when it is due. */
public record ScheduledInterruption(String id, Instant at, Selection select, String action, Duration notice, Duration rebalanceLead,
                                    long seed) {
}
