package dev.spotsim.simulator.platform;

import dev.spotsim.simulator.ecs.TaskMetadata;
import dev.spotsim.simulator.ecs.TaskMetadataServer;
import dev.spotsim.simulator.events.EcsEvents;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.workload.WorkloadExit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What both ECS lanes do with every task: register it with the task metadata endpoint v4 (its
 * {@code ECS_CONTAINER_METADATA_URI_V4}), send ECS Task State Changes as it runs and stops, and move
 * its metadata statuses along the drain.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-metadata-endpoint-v4.html
 */
public abstract sealed class EcsLane implements DrainLane permits EcsEc2Lane, FargateSpotLane {
    private static final String ECS_METADATA_URI = "ECS_CONTAINER_METADATA_URI_V4";
    private final Map<String, TaskMetadata> metadata = new ConcurrentHashMap<>();

    /** "EC2" or "FARGATE". */
    abstract String launchType();

    /** The capacity provider ECS names in events (FARGATE_SPOT), or null. */
    abstract String capacityProvider();

    @Override
    public void placing(Task task, InstanceView instance, Map<String, String> environment, PlatformContext p) {
        TaskMetadata m = p.taskMetadata().add(new TaskMetadataServer.TaskInfo(task.id, p.cluster(),
                ecsTask(task, instance, p).taskArn(instance.identity()), instance.identity().availabilityZone(), launchType(), task.createdAt));
        metadata.put(task.id, m);
        environment.put(ECS_METADATA_URI, m.uri());
    }

    @Override
    public void placed(Task task, InstanceView instance, PlatformContext p) {
        taskStateChange(task, "RUNNING", "RUNNING", null, null, p);
    }

    @Override
    public void onExit(Task task, WorkloadExit exit, PlatformContext p) {
        taskStateChange(task, "STOPPED", "STOPPED", null, null, p);
        TaskMetadata m = metadata.get(task.id);
        if (m != null) {
            m.stopped(exit.exitCode(), exit.at());
        }
    }

    /** ECS decided to stop the task: it stops counting, its metadata's DesiredStatus is STOPPED, the event says why. */
    void stopping(Task task, String stopCode, String stoppedReason, PlatformContext p) {
        p.detected(task);
        p.markDraining(task);
        TaskMetadata m = metadata.get(task.id);
        if (m != null) {
            m.stopping();
        }
        taskStateChange(task, "STOPPED", "RUNNING", stopCode, stoppedReason, p);
    }

    void taskStateChange(Task task, String desiredStatus, String lastStatus, String stopCode, String stoppedReason, PlatformContext p) {
        InstanceView instance = p.instance(task.instanceId);
        p.publish(EcsEvents.taskStateChange(instance.identity(), ecsTask(task, instance, p), desiredStatus, lastStatus, stopCode,
                stoppedReason, p.now()));
    }

    private EcsEvents.Task ecsTask(Task task, InstanceView instance, PlatformContext p) {
        String containerInstance = launchType().equals("FARGATE") ? null : instance.instanceId().substring(2);
        return new EcsEvents.Task(p.cluster(), task.id, "service:spotsim", launchType(), capacityProvider(), "app", containerInstance,
                task.createdAt, 1);
    }
}
