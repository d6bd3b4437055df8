package dev.spotsim.simulator.balancer;

import java.time.Instant;

/** Hears both requests and target state changes; implement the ones you need. Called on the event loop: never block. */
public interface BalancerListener extends RequestRecorder, TargetStateListener {
    @Override
    default void record(RequestRecord record) {
    }

    @Override
    default void targetChanged(String targetId, TargetState from, TargetState to, Instant at) {
    }
}
