package dev.spotsim.gameday.drain;

import java.time.Instant;

/**
 * What a game day saw of one workload (an ECS task, or a load balancer target) through its instance's
 * interruption, at poll resolution unless an event gave the exact time: the notice (from EventBridge, or
 * expected from the experiment), the first sign the platform acted (detected), deregistration from the
 * target group, the stop signal (ECS stoppingAt), a clean exit or a kill by the interruption, and the exit code.
 */
public record WorkloadObservation(String workloadId, String instanceId, String kind, Instant notice, Instant detected, Instant deregistered,
                                  Instant sigterm, Instant exited, Instant killed, Integer exitCode) {
}
