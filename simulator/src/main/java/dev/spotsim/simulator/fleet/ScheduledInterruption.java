package dev.spotsim.simulator.fleet;

import dev.spotsim.scenarios.select.Selection;
import java.time.Instant;

/** An interruption waiting for its time; its targets are picked when it fires, among the instances running then. */
public record ScheduledInterruption(String id, Instant at, Selection selection, InterruptRequest request, long seed) {
}
