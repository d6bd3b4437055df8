package dev.spotsim.simulator.balancer;

import java.time.Instant;

/**
 * Hears every target state change: {@code UNUSED -> INITIAL} on registration, {@code -> DRAINING} on
 * deregistration, {@code DRAINING -> UNUSED} when the deregistration delay has elapsed. Called on the
 * balancer's event loop: never block.
 */
@FunctionalInterface
public interface TargetStateListener {
    void targetChanged(String targetId, TargetState from, TargetState to, Instant at);
}
