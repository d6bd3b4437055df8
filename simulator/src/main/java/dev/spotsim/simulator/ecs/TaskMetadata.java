package dev.spotsim.simulator.ecs;

import java.time.Instant;

/**
 * What the endpoint tells about one task, and the Java API that moves its statuses along as the task
 * drains: {@link #stopping()} when the platform decides to stop it, {@link #stopped} once the process exited.
 */
public final class TaskMetadata {
    private final TaskMetadataServer.TaskInfo info;
    private final String uri;
    private volatile TaskStatus desiredStatus = TaskStatus.RUNNING;
    private volatile TaskStatus knownStatus = TaskStatus.RUNNING;
    private volatile Integer exitCode;
    private volatile Instant finishedAt;

    TaskMetadata(TaskMetadataServer.TaskInfo info, String uri) {
        this.info = info;
        this.uri = uri;
    }

    /** The value of {@code ECS_CONTAINER_METADATA_URI_V4} for the task's container. */
    public String uri() {
        return uri;
    }

    public TaskMetadataServer.TaskInfo info() {
        return info;
    }

    /** ECS wants the task stopped (the drain began); it still runs. */
    public synchronized void stopping() {
        desiredStatus = TaskStatus.STOPPED;
    }

    /** The container exited with {@code exitCode} at {@code at}: the task is stopped. */
    public synchronized void stopped(Integer exitCode, Instant at) {
        this.exitCode = exitCode;
        this.finishedAt = at;
        desiredStatus = TaskStatus.STOPPED;
        knownStatus = TaskStatus.STOPPED;
    }

    /** Sets both statuses as they are; for states the two methods above do not cover. */
    public synchronized void statuses(TaskStatus desired, TaskStatus known) {
        desiredStatus = desired;
        knownStatus = known;
    }

    /** One consistent reading of the moving parts, for a response. */
    synchronized State state() {
        return new State(desiredStatus, knownStatus, exitCode, finishedAt);
    }

    record State(TaskStatus desiredStatus, TaskStatus knownStatus, Integer exitCode, Instant finishedAt) {
    }

    public TaskStatus desiredStatus() {
        return desiredStatus;
    }

    public TaskStatus knownStatus() {
        return knownStatus;
    }

    /** The container's exit code, or null while it runs. */
    public Integer exitCode() {
        return exitCode;
    }

    /** When the container stopped, or null while it runs. */
    public Instant finishedAt() {
        return finishedAt;
    }
}
