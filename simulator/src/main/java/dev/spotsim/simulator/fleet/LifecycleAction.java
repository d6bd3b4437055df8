package dev.spotsim.simulator.fleet;

import java.time.Instant;

/**
 * One lifecycle action in progress: a hook holding one instance, identified by its token. The
 * heartbeat deadline moves with each heartbeat but never past the global deadline.
 */
public record LifecycleAction(String token, String groupName, LifecycleHook hook, String instanceId, Instant started,
                              Instant heartbeatDeadline, Instant globalDeadline) {
    LifecycleAction withHeartbeatDeadline(Instant deadline) {
        return new LifecycleAction(token, groupName, hook, instanceId, started, deadline, globalDeadline);
    }
}
