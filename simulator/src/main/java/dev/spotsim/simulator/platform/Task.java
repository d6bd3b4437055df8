package dev.spotsim.simulator.platform;

import dev.spotsim.simulator.workload.WorkloadProcess;
import java.time.Instant;

/**
 * One running copy of the workload (an ECS task, a pod, a job attempt, a process) on one instance,
 * and the moments of its drain. Mutated only under the platform's lock.
 */
public final class Task {
    /** Where the task is in its life, in ECS's words. */
    public enum Status { RUNNING, DRAINING, STOPPED }

    final String id;
    final String instanceId;
    final int port;
    final Instant createdAt;
    WorkloadProcess process;
    Status status = Status.RUNNING;
    Instant notice;
    Instant detected;
    Instant deregistered;
    Instant sigterm;
    Instant exited;
    Instant killed;
    Integer exitCode;
    int attempt;

    Task(String id, String instanceId, int port, Instant createdAt, int attempt) {
        this.id = id;
        this.instanceId = instanceId;
        this.port = port;
        this.createdAt = createdAt;
        this.attempt = attempt;
    }

    /** A read-only copy for reports. */
    public synchronized TaskRecord snapshot(String lane) {
        return new TaskRecord(id, instanceId, lane, attempt, createdAt, notice, detected, deregistered, sigterm, exited, killed, exitCode);
    }

    public String id() {
        return id;
    }

    public String instanceId() {
        return instanceId;
    }
}
