package dev.spotsim.simulator.ecs;

/**
 * The task and container statuses the ECS agent reports (DesiredStatus, KnownStatus), those a
 * simulated task goes through: RUNNING, then desired STOPPED when it drains, known STOPPED once it exited.
 */
public enum TaskStatus {
    PENDING, RUNNING, STOPPED
}
