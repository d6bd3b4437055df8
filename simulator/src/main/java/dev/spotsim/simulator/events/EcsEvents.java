package dev.spotsim.simulator.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotsim.simulator.instance.InstanceIdentity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * ECS's events in the ECS lanes: task state changes (Fargate Spot's interruption among them) and
 * container instance state changes (DRAINING on a Spot notice with spot draining on).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_cwe_events.html
 */
public final class EcsEvents {
    private EcsEvents() {
    }

    /** One task, as ECS events describe it. */
    public record Task(String cluster, String taskId, String group, String launchType, String capacityProvider,
                       String containerName, String containerInstanceId, Instant createdAt, int version) {
        public String clusterArn(InstanceIdentity id) {
            return "arn:aws:ecs:" + id.region() + ":" + id.accountId() + ":cluster/" + cluster;
        }

        public String taskArn(InstanceIdentity id) {
            return "arn:aws:ecs:" + id.region() + ":" + id.accountId() + ":task/" + cluster + "/" + taskId;
        }
    }

    /**
     * ECS Task State Change. {@code stopCode}/{@code stoppedReason} are null while the task runs;
     * Fargate Spot uses stopCode SpotInterruption and "Your Spot Task was interrupted.".
     */
    public static Event taskStateChange(InstanceIdentity id, Task t, String desiredStatus, String lastStatus, String stopCode,
                                        String stoppedReason, Instant at) {
        ObjectNode d = Event.newDetail();
        d.put("clusterArn", t.clusterArn(id));
        d.put("taskArn", t.taskArn(id));
        if (t.containerInstanceId() != null) {
            d.put("containerInstanceArn", containerInstanceArn(id, t.cluster(), t.containerInstanceId()));
        }
        d.put("createdAt", millis(t.createdAt()));
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
        c.put("containerArn", "arn:aws:ecs:" + id.region() + ":" + id.accountId() + ":container/" + t.cluster() + "/" + t.taskId()
                + "/" + java.util.UUID.nameUUIDFromBytes(t.taskId().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        d.put("updatedAt", millis(at));
        return Event.of("ECS Task State Change", "aws.ecs", id.accountId(), at, id.region(), List.of(t.taskArn(id)), d);
    }

    static String containerInstanceArn(InstanceIdentity id, String cluster, String containerInstanceId) {
        return "arn:aws:ecs:" + id.region() + ":" + id.accountId() + ":container-instance/" + cluster + "/" + containerInstanceId;
    }

    /** ECS Container Instance State Change: ACTIVE or DRAINING. */
    public static Event containerInstanceStateChange(InstanceIdentity id, String cluster, String containerInstanceId, String status,
                                                     int runningTasks, int version, Instant at) {
        String arn = containerInstanceArn(id, cluster, containerInstanceId);
        ObjectNode d = Event.newDetail();
        d.put("agentConnected", true);
        d.putArray("attributes").addObject().put("name", "ecs.capability.execution-role-awslogs");
        d.put("clusterArn", "arn:aws:ecs:" + id.region() + ":" + id.accountId() + ":cluster/" + cluster);
        d.put("containerInstanceArn", arn);
        d.put("ec2InstanceId", id.instanceId());
        resources(d.putArray("registeredResources"), 2048, 3767);
        resources(d.putArray("remainingResources"), Math.max(0, 2048 - 256 * runningTasks), Math.max(0, 3767 - 512 * runningTasks));
        d.put("status", status);
        d.put("version", version);
        ObjectNode v = d.putObject("versionInfo");
        v.put("agentHash", "aebcbca");
        v.put("agentVersion", "1.80.0");
        v.put("dockerVersion", "DockerVersion: 20.10.25");
        d.put("updatedAt", millis(at));
        return Event.of("ECS Container Instance State Change", "aws.ecs", id.accountId(), at, id.region(), List.of(arn), d);
    }

    private static void resources(com.fasterxml.jackson.databind.node.ArrayNode array, int cpu, int memory) {
        array.addObject().put("name", "CPU").put("type", "INTEGER").put("integerValue", cpu);
        array.addObject().put("name", "MEMORY").put("type", "INTEGER").put("integerValue", memory);
    }

    /** ECS writes its own timestamps with milliseconds. */
    static String millis(Instant t) {
        Instant m = t.truncatedTo(ChronoUnit.MILLIS);
        String s = m.toString();
        return m.getNano() == 0 ? s.replace("Z", ".000Z") : s;
    }
}
