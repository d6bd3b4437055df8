package dev.spotsim.simulator.platform;

import dev.spotsim.scenarios.model.WorkloadSpec;
import java.nio.file.Path;

/** What the platform runs: the workload, how many copies, where logs go and where commands run. */
public record PlatformSettings(WorkloadSpec workload, int desiredTasks, Path logDir, Path workingDir, String cluster) {
    public PlatformSettings {
        if (desiredTasks < 1) {
            throw new IllegalArgumentException("desiredTasks: expected at least 1, got " + desiredTasks);
        }
        cluster = cluster == null ? "spotsim" : cluster;
    }
}
