/**
 * Load: a scenario's {@code load} section (or the user's own Gatling Simulation) run in-process by
 * {@link dev.spotsim.gatling.GatlingLoad}, with every finished request reported to a
 * {@link dev.spotsim.gatling.RequestListener} and aggregated per second by
 * {@link dev.spotsim.gatling.PerSecondRecorder}.
 */
package dev.spotsim.gatling;
