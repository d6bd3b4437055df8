package dev.spotsim.simulator.balancer;

/** Receives every finished request. Called on the balancer's event loop: keep it quick and never block. */
@FunctionalInterface
public interface RequestRecorder {
    void record(RequestRecord record);
}
