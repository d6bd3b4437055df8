package dev.spotsim.gatling;

import io.gatling.javaapi.core.Simulation;

/** A user's Simulation that cannot be built, as when it misses a setting it needs. */
public class BrokenSimulation extends Simulation {
    public BrokenSimulation() {
        throw new IllegalStateException("TARGET_TOKEN is not set");
    }
}
