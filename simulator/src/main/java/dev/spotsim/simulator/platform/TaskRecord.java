package dev.spotsim.simulator.platform;

import java.time.Instant;

/**
 * What happened to one task: created, the notice of its instance, when the platform detected it,
 * deregistered it from the balancer, sent SIGTERM, and when the task exited or was killed.
 */
public record TaskRecord(String taskId, String instanceId, String lane, int attempt, Instant createdAt, Instant notice, Instant detected,
                         Instant deregistered, Instant sigterm, Instant exited, Instant killed, Integer exitCode) {
}
