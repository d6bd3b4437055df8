package dev.spotsim.gatling.engine;

import io.gatling.core.scenario.SimulationParams;
import io.gatling.javaapi.core.Simulation;

/**
 * The Simulation class GatlingLoad names to Gatling: it runs the launching run's simulation (the one
 * generated from its load section, or the user's own), tapped. The run is read in an instance field,
 * at construction, so consecutive runs in one JVM each get their own.
 */
public final class HostSimulation extends Simulation {
    private final RunContext run = ActiveRuns.current();

    @Override
    public SimulationParams params(String simulationName) {
        SimulationParams params = run.userSimulation() == null
                ? new ScenarioSimulation(run.load(), run.baseUrl()).params(null)
                : UserSimulations.params(run.userSimulation());
        return new Tap(run).apply(params);
    }
}
