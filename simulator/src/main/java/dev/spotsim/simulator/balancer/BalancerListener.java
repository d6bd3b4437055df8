package dev.spotsim.simulator.balancer;

import java.time.Instant;

/** Hears every request the balancer finished and every target state change. Called on the event loop: must not block. */
public interface BalancerListener {
    default void request(RequestRecord record) {
    }

    default void targetChanged(String targetId, TargetState from, TargetState to, Instant at) {
    }
}
