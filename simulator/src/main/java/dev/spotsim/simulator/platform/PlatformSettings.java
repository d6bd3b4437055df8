package dev.spotsim.simulator.platform;

import dev.spotsim.scenarios.model.WorkloadSpec;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the platform runs: the workload, how many copies, where logs go, where commands run, the
 * ECS cluster's name, and the run's id (containers carry it as a label; leftovers of a run are found by it).
 */
public record PlatformSettings(WorkloadSpec workload, int desiredTasks, Path logDir, Path workingDir, String cluster, String runId) {
    public PlatformSettings {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(logDir, "logDir");
        if (desiredTasks < 1) {
            throw new IllegalArgumentException("desiredTasks: expected at least 1, got " + desiredTasks);
        }
        cluster = cluster == null ? "spotsim" : cluster;
        runId = runId == null ? "spotsim-" + ProcessHandle.current().pid() : runId;
    }

    /** Settings with a run id made of this JVM's pid. */
    public PlatformSettings(WorkloadSpec workload, int desiredTasks, Path logDir, Path workingDir, String cluster) {
        this(workload, desiredTasks, logDir, workingDir, cluster, null);
    }
}
