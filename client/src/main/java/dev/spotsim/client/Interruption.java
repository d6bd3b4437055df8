package dev.spotsim.client;

import java.time.Instant;

/** A planned or running Spot interruption: the action, and when the rebalance recommendation, notice and action come. */
public record Interruption(String instanceId, String action, Instant rebalanceTime, Instant noticeTime, Instant actionTime) {
}
