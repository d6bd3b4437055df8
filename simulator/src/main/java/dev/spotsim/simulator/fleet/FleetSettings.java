package dev.spotsim.simulator.fleet;

import java.time.Duration;

/**
 * Timings of the simulated platform that are not part of any one request: how long shutting-down
 * and stopping last before terminated / stopped, and how long a (re)launched instance stays pending.
 */
public record FleetSettings(Duration shutdownDuration, Duration bootDuration) {
    public FleetSettings {
        if (shutdownDuration.isNegative() || bootDuration.isNegative()) {
            throw new IllegalArgumentException("fleet timings cannot be negative");
        }
    }

    public static FleetSettings defaults() {
        return new FleetSettings(Duration.ofSeconds(5), Duration.ZERO);
    }
}
