package dev.spotsim.simulator.platform;

import dev.spotsim.scenarios.model.Lane;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.workload.WorkloadExit;
import java.util.List;
import java.util.Map;

/**
 * What a platform does with its tasks at every moment it acts on them, one implementation per lane
 * of DESIGN.md (ECS on EC2, Fargate Spot, EKS with the node termination handler, Batch, a bare app):
 * a task is placed, its instance gets a Spot notice, the group terminates its instance (scale-in,
 * Capacity Rebalancing), the instance is lost, the task's workload exits. The {@link Platform} never
 * asks which lane it runs; whatever still runs when an instance goes is killed by the platform.
 */
public sealed interface DrainLane permits EcsLane, EksNthLane, BatchLane, AppLane {
    /** What the scheduler places: a service keeps its desired count; Batch runs job attempts. */
    default TaskDemand demand(int desiredTasks, PlatformContext platform) {
        return new TaskDemand.Service(desiredTasks);
    }

    /** Before the task's workload starts: the variables this platform gives it (ECS: the task metadata URI). */
    default void placing(Task task, InstanceView instance, Map<String, String> environment, PlatformContext platform) {
    }

    /** The task's workload started. */
    default void placed(Task task, InstanceView instance, PlatformContext platform) {
    }

    /** The notice is out (IMDS shows it now); {@code tasks} are the instance's tasks not yet draining. */
    void onNotice(InstanceView instance, List<Task> tasks, PlatformContext platform);

    /**
     * The Auto Scaling group terminates the instance ({@code cause}: scale-in, capacity-rebalance) and
     * waits until every task this marks draining has stopped. By default the tasks stop counting (their
     * replacements are placed elsewhere) and, once the replacements are healthy, drain as on a notice.
     */
    default void onTerminating(InstanceView instance, List<Task> tasks, String cause, PlatformContext platform) {
        tasks.forEach(platform::markDraining);
        platform.whenReplaced(instance, () -> drain(instance, tasks, platform));
    }

    /** The lane's drain of {@code tasks}, from the moment the platform knows (after any polling). */
    void drain(InstanceView instance, List<Task> tasks, PlatformContext platform);

    /** The instance went away; {@code tasks} were still running on it and have been killed. */
    default void onHostLost(InstanceView instance, List<Task> tasks, PlatformContext platform) {
    }

    /** The task's workload exited, by itself or by a signal. */
    default void onExit(Task task, WorkloadExit exit, PlatformContext platform) {
    }

    /** Whether the tasks of this lane sit behind the balancer. */
    default boolean servesTraffic() {
        return true;
    }

    /** Batch jobs that finished, failed, or are still to run; empty outside the batch lane. */
    default Map<String, String> jobStatuses() {
        return Map.of();
    }

    /** The lane of a scenario's {@code workload.lane}: the one place that tells lanes apart. */
    static DrainLane of(Lane lane) {
        return switch (lane) {
            case ECS_EC2 -> new EcsEc2Lane();
            case FARGATE_SPOT -> new FargateSpotLane();
            case EKS_NTH -> new EksNthLane();
            case BATCH -> new BatchLane();
            case APP -> new AppLane();
        };
    }
}
