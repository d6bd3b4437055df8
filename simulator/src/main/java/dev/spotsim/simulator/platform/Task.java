package dev.spotsim.simulator.platform;

import dev.spotsim.simulator.workload.RunningWorkload;
import dev.spotsim.simulator.workload.Signal;
import java.time.Duration;
import java.time.Instant;

/**
 * One running copy of the workload (an ECS task, a pod, a job attempt) on one instance, and the
 * moments of its drain. Mutated only under the platform's lock.
 */
public final class Task {
    /** Where the task is in its life, in ECS's words. */
    public enum Status { RUNNING, DRAINING, STOPPED }

    final String id;
    final String instanceId;
    final int port;
    final Instant createdAt;
    final int attempt;
    RunningWorkload workload;
    Status status = Status.RUNNING;
    /** A lane began to drain it (a second notice or a termination does not start another drain). */
    boolean drainStarted;
    Instant notice;
    Instant detected;
    Instant deregistered;
    /** The stop signal sent, when, and how long it was given before SIGKILL. */
    Signal stopSignal;
    Instant stopSignalAt;
    Duration stopGrace;
    Instant exited;
    /** When spotsim sent SIGKILL (at the stop deadline, or with its instance). */
    Instant killed;
    /** The SIGKILL came with its instance going (the action time), not at a stop deadline. */
    boolean killedWithHost;
    Integer exitCode;
    Signal exitSignal;
    boolean oomKilled;
    String explanation;

    Task(String id, String instanceId, int port, Instant createdAt, int attempt) {
        this.id = id;
        this.instanceId = instanceId;
        this.port = port;
        this.createdAt = createdAt;
        this.attempt = attempt;
    }

    /** A read-only copy for reports. */
    TaskRecord snapshot(String lane) {
        return new TaskRecord(id, instanceId, lane, attempt, createdAt, notice, detected, deregistered, stopSignalAt, exited, killed, exitCode,
                stopSignal == null ? null : stopSignal.name(), exitSignal == null ? null : exitSignal.name(), oomKilled, explanation,
                workload == null ? null : workload.describe());
    }

    public String id() {
        return id;
    }

    public String instanceId() {
        return instanceId;
    }
}
