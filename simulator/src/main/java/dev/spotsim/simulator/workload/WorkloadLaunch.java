package dev.spotsim.simulator.workload;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a runtime needs to start one task: who it is, where it runs, and what it sees.
 *
 * @param runId      labels everything started for one run (containers carry it as a label)
 * @param port       the host port the balancer targets (a container publishes its containerPort there)
 * @param environment the variables the platform gives the task (PORT, IMDS endpoint, ECS metadata URI, ...)
 * @param log        where stdout and stderr go
 */
public record WorkloadLaunch(String runId, String taskId, String instanceId, int port, Map<String, String> environment,
                             Path workingDir, Path log) {
    public WorkloadLaunch {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(instanceId, "instanceId");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(log, "log");
    }
}
