package dev.spotsim.client;

import java.time.Instant;

/** A rebalance recommendation sent on its own, and when it shows in IMDS. */
public record Rebalance(String instanceId, Instant rebalanceTime) {
}
