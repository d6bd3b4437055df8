package dev.spotsim.client;

import java.util.Map;

/**
 * What the global reset cleared: scheduled interruptions, reclaimed pools, lifecycle hooks, instances put back,
 * recent events, and AWS resources by service (with the recorded calls and faults).
 */
public record ResetResult(int scheduledInterruptions, int reclaimedPools, int lifecycleHooks, int instances, int events,
                          Map<String, Integer> aws) {
    public ResetResult {
        aws = aws == null ? Map.of() : Map.copyOf(aws);
    }
}
