/**
 * Machine-readable load figures: what {@code spotsim load} writes and a game day collects from every
 * generator. Per second (or per window of seconds): requests, failures by cause, latency percentiles
 * and an HdrHistogram of every request's latency, so figures of several generators merge exactly.
 */
package dev.spotsim.gatling.figures;
