package dev.spotsim.simulator.aws.ecs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotsim.scenarios.model.Lane;
import dev.spotsim.simulator.events.EcsEvents;
import dev.spotsim.simulator.fleet.Fleet;
import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.platform.Platform;
import dev.spotsim.simulator.platform.TaskRecord;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The running platform as the ECS API shows it: one cluster, its tasks with their drain moments
 * (desired STOPPED from detection, DEACTIVATING while the balancer drains, STOPPING from SIGTERM,
 * STOPPED at exit), and, on EC2, one container instance per live instance (DRAINING once the agent
 * has seen the notice).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html
 */
final class EcsView {
    static final ObjectMapper JSON = new ObjectMapper();
    private final Platform platform;
    private final Fleet fleet;
    private final String region;
    private final String account;

    EcsView(Platform platform, Fleet fleet, String region, String account) {
        this.platform = platform;
        this.fleet = fleet;
        this.region = region;
        this.account = account;
    }

    String arn(String resource) {
        return "arn:aws:ecs:" + region + ":" + account + ":" + resource;
    }

    String clusterArn() {
        return arn("cluster/" + platform.cluster());
    }

    String taskArn(TaskRecord t) {
        return arn("task/" + platform.cluster() + "/" + t.taskId());
    }

    List<TaskRecord> platformTasks() {
        return platform.tasks();
    }

    boolean fargate() {
        return platform.spec().parsedLane() == Lane.FARGATE_SPOT;
    }

    String containerInstanceArn(String instanceId) {
        return arn("container-instance/" + platform.cluster() + "/" + instanceId.substring(2));
    }

    /** Epoch seconds with milliseconds, as the JSON protocols carry timestamps. */
    static BigDecimal time(Instant t) {
        return BigDecimal.valueOf(t.toEpochMilli(), 3);
    }

    static String desiredStatus(TaskRecord t) {
        return t.detected() != null || t.exited() != null || t.killed() != null ? "STOPPED" : "RUNNING";
    }

    static String lastStatus(TaskRecord t) {
        if (t.exited() != null) {
            return "STOPPED";
        }
        if (t.sigterm() != null || t.killed() != null) {
            return "STOPPING";
        }
        return t.deregistered() != null ? "DEACTIVATING" : "RUNNING";
    }

    /** Why the task stopped, in the words the platform's task events used; null while it runs undisturbed. */
    private String[] stop(TaskRecord t) {
        if (t.detected() != null) {
            return fargate() ? new String[] {platform.spec().stopCode(), EcsEvents.SPOT_STOPPED_REASON}
                    : new String[] {"ServiceSchedulerInitiated", "Container instance is draining"};
        }
        if (t.killed() != null) {
            return new String[] {"TerminationNotice", "Host EC2 (instance " + t.instanceId() + ") terminated."};
        }
        if (t.exited() != null) {
            return new String[] {"EssentialContainerExited", "Essential container in task exited"};
        }
        return null;
    }

    private static Instant stoppingAt(TaskRecord t) {
        for (Instant i : new Instant[] {t.detected(), t.sigterm(), t.killed(), t.exited()}) {
            if (i != null) {
                return i;
            }
        }
        return null;
    }

    ObjectNode task(TaskRecord t) {
        InstanceView instance = fleet.instance(t.instanceId());
        ObjectNode o = JSON.createObjectNode();
        o.putArray("attachments");
        o.put("availabilityZone", instance == null ? region + "a" : instance.identity().availabilityZone());
        if (fargate()) {
            o.put("capacityProviderName", "FARGATE_SPOT");
        }
        o.put("clusterArn", clusterArn());
        o.put("connectivity", "CONNECTED").put("connectivityAt", time(t.createdAt()));
        if (!fargate()) {
            o.put("containerInstanceArn", containerInstanceArn(t.instanceId()));
        }
        o.set("containers", JSON.createArrayNode().add(container(t)));
        o.put("cpu", "256").put("createdAt", time(t.createdAt())).put("desiredStatus", desiredStatus(t));
        if (t.exited() != null) {
            o.put("executionStoppedAt", time(t.exited()));
        }
        o.put("group", "service:" + platform.cluster()).put("healthStatus", "UNKNOWN").put("lastStatus", lastStatus(t));
        o.put("launchType", fargate() ? "FARGATE" : "EC2").put("memory", "512");
        if (fargate()) {
            o.put("platformVersion", "1.4.0").put("platformFamily", "Linux");
        }
        o.put("startedAt", time(t.createdAt())).put("startedBy", "ecs-svc/" + platform.cluster());
        String[] stop = stop(t);
        if (stop != null) {
            o.put("stopCode", stop[0]);
            o.put("stoppedReason", stop[1]);
            o.put("stoppingAt", time(stoppingAt(t)));
        }
        if (t.exited() != null) {
            o.put("stoppedAt", time(t.exited()));
        }
        o.put("taskArn", taskArn(t)).put("taskDefinitionArn", arn("task-definition/" + platform.cluster() + ":1"));
        return o.put("version", t.exited() != null ? 3 : desiredStatus(t).equals("STOPPED") ? 2 : 1);
    }

    private ObjectNode container(TaskRecord t) {
        UUID id = UUID.nameUUIDFromBytes(t.taskId().getBytes(StandardCharsets.UTF_8));
        ObjectNode c = JSON.createObjectNode();
        c.put("containerArn", arn("container/" + platform.cluster() + "/" + t.taskId() + "/" + id));
        c.put("taskArn", taskArn(t)).put("name", "app").put("image", "spotsim/workload");
        c.put("runtimeId", t.taskId() + "-app").put("lastStatus", t.exited() != null ? "STOPPED" : "RUNNING");
        if (t.exitCode() != null) {
            c.put("exitCode", t.exitCode());
        }
        return c.put("healthStatus", "UNKNOWN").put("cpu", "256").put("memory", "512");
    }

    /** EC2 container instances: every instance that has not terminated, ACTIVE until the agent drains it. */
    List<InstanceView> containerInstances() {
        return fargate() ? List.of() : fleet.instances().stream()
                .filter(v -> v.state() != InstanceState.TERMINATED && v.state() != InstanceState.PENDING).toList();
    }

    String status(InstanceView v) {
        if (v.state() == InstanceState.STOPPED) {
            return "INACTIVE";
        }
        boolean draining = platform.timeline().stream().anyMatch(e -> e.kind().equals("draining") && v.instanceId().equals(e.instanceId()));
        return draining ? "DRAINING" : "ACTIVE";
    }

    ObjectNode containerInstance(InstanceView v) {
        long running = platform.tasks().stream().filter(t -> t.instanceId().equals(v.instanceId()) && t.exited() == null).count();
        ObjectNode o = JSON.createObjectNode();
        o.put("containerInstanceArn", containerInstanceArn(v.instanceId())).put("ec2InstanceId", v.instanceId());
        o.put("version", 1);
        ObjectNode info = o.putObject("versionInfo");
        info.put("agentVersion", "1.80.0").put("agentHash", "aebcbca").put("dockerVersion", "DockerVersion: 20.10.25");
        resources(o.putArray("remainingResources"), Math.max(0, 2048 - 256 * running), Math.max(0, 3767 - 512 * running));
        resources(o.putArray("registeredResources"), 2048, 3767);
        o.put("status", status(v)).put("agentConnected", v.state() != InstanceState.STOPPED);
        o.put("runningTasksCount", running).put("pendingTasksCount", 0);
        o.putArray("attributes").addObject().put("name", "ecs.instance-type").put("value", v.identity().instanceType());
        o.put("registeredAt", time(v.launchTime()));
        o.putArray("attachments");
        return o;
    }

    private static void resources(ArrayNode array, long cpu, long memory) {
        array.addObject().put("name", "CPU").put("type", "INTEGER").put("doubleValue", 0.0).put("longValue", 0).put("integerValue", cpu);
        array.addObject().put("name", "MEMORY").put("type", "INTEGER").put("doubleValue", 0.0).put("longValue", 0).put("integerValue", memory);
    }
}
