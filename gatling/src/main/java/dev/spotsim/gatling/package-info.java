/**
 * Load: a scenario's {@code load} section (or the user's own Gatling Simulation) run in-process by
 * {@link dev.spotsim.gatling.GatlingLoad}, with every finished request reported to a
 * {@link dev.spotsim.gatling.RequestListener} (a run's request log aggregates them per second).
 */
package dev.spotsim.gatling;
