package dev.spotsim.scenarios.model;

import java.time.Duration;

/** How long a run waits, after the last interruption's action, for capacity to be healthy again before it gives up. */
public record RecoverySpec(Duration timeout) {
    public RecoverySpec {
        timeout = timeout == null ? Duration.ofMinutes(5) : timeout;
    }

    public static RecoverySpec defaults() {
        return new RecoverySpec(null);
    }
}
