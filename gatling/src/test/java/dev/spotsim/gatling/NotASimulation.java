package dev.spotsim.gatling;

/** A class that is on the classpath but is no Gatling Simulation. */
public class NotASimulation {
}
