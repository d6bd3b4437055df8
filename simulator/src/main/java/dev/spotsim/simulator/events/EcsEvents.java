package dev.spotsim.simulator.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotsim.simulator.instance.InstanceIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * ECS's events in the ECS lanes: task state changes (Fargate Spot's interruption among them) and
 * container instance state changes (DRAINING on a Spot notice with spot draining on).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_cwe_events.html
 */
public final class EcsEvents {
    /** The stopCode of an interrupted Fargate Spot task in the ECS API enum (one AWS sample shows TerminationNotice). */
    public static final String SPOT_INTERRUPTION = "SpotInterruption";
    /** What ECS writes as stoppedReason when Fargate Spot capacity is reclaimed. */
    public static final String SPOT_STOPPED_REASON = "Your Spot Task was interrupted.";
    /** The container instance statuses the Spot lanes use. */
    public static final List<String> CONTAINER_INSTANCE_STATUSES = List.of("ACTIVE", "DRAINING");

    private EcsEvents() {
    }

    /**
     * One task, as ECS events describe it. {@code containerInstanceId} is null on Fargate;
     * {@code capacityProvider} is null without one (FARGATE_SPOT for Fargate Spot).
     */
    public record Task(String cluster, String taskId, String group, String launchType, String capacityProvider,
                       String containerName, String containerInstanceId, Instant createdAt, int version) {
        public String clusterArn(InstanceIdentity id) {
            return arn(id, "cluster/" + cluster);
        }

        public String taskArn(InstanceIdentity id) {
            return arn(id, "task/" + cluster + "/" + taskId);
        }
    }

    /**
     * ECS Task State Change. {@code stopCode}/{@code stoppedReason} are null while the task is not
     * being stopped.
     */
    public static Event taskStateChange(InstanceIdentity id, Task t, String desiredStatus, String lastStatus, String stopCode,
                                        String stoppedReason, Instant at) {
        ObjectNode d = Event.newDetail();
        d.put("clusterArn", t.clusterArn(id));
        d.put("taskArn", t.taskArn(id));
        if (t.containerInstanceId() != null) {
            d.put("containerInstanceArn", containerInstanceArn(id, t.cluster(), t.containerInstanceId()));
        }
        d.put("createdAt", EventTimes.millis(t.createdAt()));
        d.put("launchType", t.launchType());
        if (t.capacityProvider() != null) {
            d.put("capacityProviderName", t.capacityProvider());
        }
        d.put("desiredStatus", desiredStatus);
        d.put("lastStatus", lastStatus);
        if (stopCode != null) {
            d.put("stopCode", stopCode);
            d.put("stoppedReason", stoppedReason);
        }
        d.put("group", t.group());
        d.put("version", t.version());
        ObjectNode c = d.putArray("containers").addObject();
        c.put("name", t.containerName());
        c.put("lastStatus", lastStatus);
        UUID containerId = UUID.nameUUIDFromBytes(t.taskId().getBytes(StandardCharsets.UTF_8));
        c.put("containerArn", arn(id, "container/" + t.cluster() + "/" + t.taskId() + "/" + containerId));
        d.put("updatedAt", EventTimes.millis(at));
        return Event.of("ECS Task State Change", "aws.ecs", id.accountId(), at, id.region(), List.of(t.taskArn(id)), d);
    }

    /**
     * The event ECS sends when Fargate Spot takes a running task back: desired STOPPED while it still
     * runs, sent with the SIGTERM. {@code stopCode} null means {@link #SPOT_INTERRUPTION}.
     * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html
     */
    public static Event fargateSpotInterruption(InstanceIdentity id, Task t, String stopCode, Instant at) {
        return taskStateChange(id, t, "STOPPED", "RUNNING", stopCode == null ? SPOT_INTERRUPTION : stopCode, SPOT_STOPPED_REASON, at);
    }

    /** ECS Container Instance State Change: ACTIVE, or DRAINING once the agent has seen the Spot notice. */
    public static Event containerInstanceStateChange(InstanceIdentity id, String cluster, String containerInstanceId, String status,
                                                     int runningTasks, int version, Instant at) {
        if (!CONTAINER_INSTANCE_STATUSES.contains(status)) {
            throw new IllegalArgumentException("status: expected ACTIVE or DRAINING, got \"" + status + "\"");
        }
        String arn = containerInstanceArn(id, cluster, containerInstanceId);
        ObjectNode d = Event.newDetail();
        d.put("agentConnected", true);
        d.putArray("attributes").addObject().put("name", "ecs.capability.execution-role-awslogs");
        d.put("clusterArn", arn(id, "cluster/" + cluster));
        d.put("containerInstanceArn", arn);
        d.put("ec2InstanceId", id.instanceId());
        // Registered: a c5.large-sized host; each running task holds 256 CPU units and 512 MiB.
        resources(d.putArray("registeredResources"), 2048, 3767);
        resources(d.putArray("remainingResources"), Math.max(0, 2048 - 256 * runningTasks), Math.max(0, 3767 - 512 * runningTasks));
        d.put("status", status);
        d.put("version", version);
        ObjectNode v = d.putObject("versionInfo");
        v.put("agentHash", "aebcbca");
        v.put("agentVersion", "1.80.0");
        v.put("dockerVersion", "DockerVersion: 20.10.25");
        d.put("updatedAt", EventTimes.millis(at));
        return Event.of("ECS Container Instance State Change", "aws.ecs", id.accountId(), at, id.region(), List.of(arn), d);
    }

    static String containerInstanceArn(InstanceIdentity id, String cluster, String containerInstanceId) {
        return arn(id, "container-instance/" + cluster + "/" + containerInstanceId);
    }

    /** An ECS ARN in the instance's region and account, e.g. {@code task/default/abc}. */
    static String arn(InstanceIdentity id, String resource) {
        return "arn:aws:ecs:" + id.region() + ":" + id.accountId() + ":" + resource;
    }

    private static void resources(ArrayNode array, int cpu, int memory) {
        array.addObject().put("name", "CPU").put("type", "INTEGER").put("integerValue", cpu);
        array.addObject().put("name", "MEMORY").put("type", "INTEGER").put("integerValue", memory);
    }
}
