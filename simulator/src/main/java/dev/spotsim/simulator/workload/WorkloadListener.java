package dev.spotsim.simulator.workload;

import java.time.Instant;

/**
 * Hears what happens to workload processes. Called on the thread that caused the event (the caller of
 * terminate/kill, or the JDK's process reaper for exits): return quickly, and never block there.
 */
public interface WorkloadListener {
    default void started(WorkloadProcess process, Instant at) {
    }

    /** SIGTERM was sent to the process tree (first time only). */
    default void terminated(WorkloadProcess process, Instant at) {
    }

    /** SIGKILL was sent to the process tree (first time only). */
    default void killed(WorkloadProcess process, Instant at) {
    }

    /** The program exited with {@code exitCode} (128 + N when a signal N ended it; see {@link WorkloadProcess#signal()}). */
    default void exited(WorkloadProcess process, Instant at, int exitCode) {
    }

    /** Hears nothing. */
    WorkloadListener NONE = new WorkloadListener() {
    };
}
