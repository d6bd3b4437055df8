package dev.spotsim.simulator.ecs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The JSON bodies of the task metadata endpoint v4, with the field names of AWS's examples:
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-metadata-endpoint-v4-examples.html
 * (container and task) and Docker's container stats for {@code /stats}. One container per task, named "app".
 */
final class TaskMetadataBodies {
    static final String CONTAINER_NAME = "app";
    private static final String FAMILY = "spotsim-workload";
    private static final String REVISION = "1";
    private static final String IMAGE = "spotsim/workload:latest";
    private static final int ONLINE_CPUS = 2;
    /** A steady 5% of one CPU, so a client computing a CPU percentage from two samples sees a sane figure. */
    private static final double CPU_SHARE = 0.05;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TaskMetadataBodies() {
    }

    /** {@code ${ECS_CONTAINER_METADATA_URI_V4}}: the container itself. */
    static ObjectNode container(TaskMetadata task) {
        TaskMetadataServer.TaskInfo t = task.info();
        TaskMetadata.State s = task.state();
        ObjectNode c = JSON.createObjectNode();
        c.put("DockerId", dockerId(t));
        c.put("Name", CONTAINER_NAME);
        c.put("DockerName", dockerName(t));
        c.put("Image", IMAGE);
        c.put("ImageID", "sha256:" + sha256(IMAGE));
        c.putObject("Labels")
                .put("com.amazonaws.ecs.cluster", t.cluster())
                .put("com.amazonaws.ecs.container-name", CONTAINER_NAME)
                .put("com.amazonaws.ecs.task-arn", t.taskArn())
                .put("com.amazonaws.ecs.task-definition-family", FAMILY)
                .put("com.amazonaws.ecs.task-definition-version", REVISION);
        c.put("DesiredStatus", s.desiredStatus().name());
        c.put("KnownStatus", s.knownStatus().name());
        if (s.exitCode() != null) {
            c.put("ExitCode", s.exitCode());
        }
        c.putObject("Limits").put("CPU", 256).put("Memory", 512);
        c.put("CreatedAt", t.createdAt().toString());
        c.put("StartedAt", t.createdAt().toString());
        if (s.finishedAt() != null) {
            c.put("FinishedAt", s.finishedAt().toString());
        }
        c.put("Type", "NORMAL");
        c.put("ContainerARN", containerArn(t));
        // The workload listens on loopback of the machine: "host" mode on EC2; Fargate only knows awsvpc.
        c.putArray("Networks").addObject()
                .put("NetworkMode", "FARGATE".equals(t.launchType()) ? "awsvpc" : "host")
                .put("AttachmentIndex", 0)
                .put("IPv4SubnetCIDRBlock", "127.0.0.0/8")
                .put("PrivateDNSName", "localhost")
                .putArray("IPv4Addresses").add("127.0.0.1");
        return c;
    }

    /** {@code /task}: the task and its containers. */
    static ObjectNode task(TaskMetadata task) {
        TaskMetadataServer.TaskInfo t = task.info();
        TaskMetadata.State s = task.state();
        ObjectNode body = JSON.createObjectNode();
        body.put("Cluster", t.cluster());
        body.put("TaskARN", t.taskArn());
        body.put("Family", FAMILY);
        body.put("Revision", REVISION);
        body.put("DesiredStatus", s.desiredStatus().name());
        body.put("KnownStatus", s.knownStatus().name());
        body.putObject("Limits").put("CPU", 0.25).put("Memory", 512);
        body.put("PullStartedAt", t.createdAt().toString());
        body.put("PullStoppedAt", t.createdAt().toString());
        if (s.finishedAt() != null) {
            body.put("ExecutionStoppedAt", s.finishedAt().toString());
        }
        body.put("AvailabilityZone", t.availabilityZone());
        body.put("LaunchType", t.launchType());
        body.putArray("Containers").add(container(task));
        body.putObject("ClockDrift").put("ClockErrorBound", 0.5).put("ReferenceTimestamp", t.createdAt().toString())
                .put("ClockSynchronizationStatus", "SYNCHRONIZED");
        return body;
    }

    /** {@code /stats}: Docker's stats of the container at {@code now} (frozen once it stopped). */
    static ObjectNode stats(TaskMetadata task, Instant now) {
        TaskMetadataServer.TaskInfo t = task.info();
        Instant finished = task.state().finishedAt();
        Instant read = finished != null && finished.isBefore(now) ? finished : now;
        Instant preread = read.minusSeconds(1);
        ObjectNode s = JSON.createObjectNode();
        s.put("read", read.toString());
        s.put("preread", preread.toString());
        s.putObject("pids_stats").put("current", 1);
        s.set("cpu_stats", cpu(t, read));
        s.set("precpu_stats", cpu(t, preread));
        s.putObject("memory_stats").put("usage", 64L << 20).put("max_usage", 80L << 20).put("limit", 512L << 20);
        s.put("name", dockerName(t));
        s.put("id", dockerId(t));
        s.putObject("networks").putObject("eth1").put("rx_bytes", 1_048_576).put("rx_packets", 1024).put("rx_errors", 0)
                .put("rx_dropped", 0).put("tx_bytes", 2_097_152).put("tx_packets", 1024).put("tx_errors", 0).put("tx_dropped", 0);
        s.putObject("network_rate_stats").put("rx_bytes_per_sec", 1024.0).put("tx_bytes_per_sec", 2048.0);
        return s;
    }

    /** {@code /task/stats}: the stats of every container, by Docker ID. */
    static ObjectNode taskStats(TaskMetadata task, Instant now) {
        ObjectNode byContainer = JSON.createObjectNode();
        byContainer.set(dockerId(task.info()), stats(task, now));
        return byContainer;
    }

    private static ObjectNode cpu(TaskMetadataServer.TaskInfo t, Instant at) {
        long uptime = Math.max(0, Duration.between(t.createdAt(), at).toNanos());
        long used = (long) (uptime * CPU_SHARE);
        ObjectNode cpu = JSON.createObjectNode();
        cpu.putObject("cpu_usage").put("total_usage", used).put("usage_in_kernelmode", used / 5).put("usage_in_usermode", used - used / 5);
        cpu.put("system_cpu_usage", at.getEpochSecond() * 1_000_000_000L * ONLINE_CPUS);
        cpu.put("online_cpus", ONLINE_CPUS);
        cpu.putObject("throttling_data").put("periods", 0).put("throttled_periods", 0).put("throttled_time", 0);
        return cpu;
    }

    /** A stable 64-hex Docker ID per task, as Docker's IDs look on EC2. */
    static String dockerId(TaskMetadataServer.TaskInfo t) {
        return sha256(t.taskArn());
    }

    /** The agent's unique name for the container: family, revision, name and a suffix, as in AWS's example. */
    private static String dockerName(TaskMetadataServer.TaskInfo t) {
        return "ecs-" + FAMILY + "-" + REVISION + "-" + CONTAINER_NAME + "-" + dockerId(t).substring(0, 20);
    }

    /** arn:aws:ecs:REGION:ACCOUNT:container/UUID, beside the task's ARN. */
    private static String containerArn(TaskMetadataServer.TaskInfo t) {
        int task = t.taskArn().indexOf(":task/");
        String prefix = task < 0 ? t.taskArn() : t.taskArn().substring(0, task);
        return prefix + ":container/" + UUID.nameUUIDFromBytes(t.taskArn().getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
