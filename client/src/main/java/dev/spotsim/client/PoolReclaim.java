package dev.spotsim.client;

import java.time.Duration;

/** What reclaiming a pool did: the pool now, how many instances were interrupted, and when it returns (null: by hand). */
public record PoolReclaim(String pool, boolean reclaimed, long used, int interrupted, Duration restoreAfter) {
}
