package dev.spotsim.simulator.ecs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ECS task metadata endpoint version 4, one path prefix per task ({@code ${ECS_CONTAINER_METADATA_URI_V4}}):
 * the container at the prefix, {@code /task}, {@code /stats}, {@code /task/stats}, with DesiredStatus
 * and KnownStatus that follow the drain.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-metadata-endpoint-v4.html
 */
public final class TaskMetadataServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, TaskInfo> tasks = new ConcurrentHashMap<>();
    private final HttpServer server;

    /** What the endpoint tells about one task; statuses change as the task drains. */
    public static final class TaskInfo {
        final String taskId;
        final String cluster;
        final String taskArn;
        final String availabilityZone;
        final String launchType;
        final Instant createdAt;
        volatile String desiredStatus = "RUNNING";
        volatile String knownStatus = "RUNNING";

        public TaskInfo(String taskId, String cluster, String taskArn, String availabilityZone, String launchType, Instant createdAt) {
            this.taskId = taskId;
            this.cluster = cluster;
            this.taskArn = taskArn;
            this.availabilityZone = availabilityZone;
            this.launchType = launchType;
            this.createdAt = createdAt;
        }
    }

    private TaskMetadataServer(HttpServer server) {
        this.server = server;
    }

    /** Starts on {@code host}, a free port. */
    public static TaskMetadataServer start(Vertx vertx, String host) {
        Router router = Router.router(vertx);
        TaskMetadataServer[] self = new TaskMetadataServer[1];
        router.get("/v4/:task").handler(ctx -> self[0].answer(ctx, false, false));
        router.get("/v4/:task/task").handler(ctx -> self[0].answer(ctx, true, false));
        router.get("/v4/:task/stats").handler(ctx -> self[0].answer(ctx, false, true));
        router.get("/v4/:task/task/stats").handler(ctx -> self[0].answer(ctx, true, true));
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, host).await();
        self[0] = new TaskMetadataServer(server);
        return self[0];
    }

    public String uriFor(String taskId) {
        return "http://127.0.0.1:" + server.actualPort() + "/v4/" + taskId;
    }

    public void add(TaskInfo info) {
        tasks.put(info.taskId, info);
    }

    public void statuses(String taskId, String desired, String known) {
        TaskInfo t = tasks.get(taskId);
        if (t != null) {
            t.desiredStatus = desired;
            t.knownStatus = known;
        }
    }

    private void answer(RoutingContext ctx, boolean task, boolean stats) {
        TaskInfo t = tasks.get(ctx.pathParam("task"));
        if (t == null) {
            ctx.response().setStatusCode(404).end("task metadata not found\n");
            return;
        }
        ObjectNode body = stats ? stats(t, task) : task ? task(t) : container(t);
        ctx.response().putHeader("Content-Type", "application/json").end(body.toString());
    }

    private static ObjectNode container(TaskInfo t) {
        ObjectNode c = JSON.createObjectNode();
        c.put("DockerId", t.taskId + "-app");
        c.put("Name", "app");
        c.put("DockerName", "ecs-" + t.cluster + "-app");
        c.put("Image", "spotsim/workload:latest");
        c.put("ImageID", "sha256:0000000000000000000000000000000000000000000000000000000000000000");
        c.putObject("Labels").put("com.amazonaws.ecs.task-arn", t.taskArn).put("com.amazonaws.ecs.cluster", t.cluster);
        c.put("DesiredStatus", t.desiredStatus);
        c.put("KnownStatus", t.knownStatus);
        c.putObject("Limits").put("CPU", 256).put("Memory", 512);
        c.put("CreatedAt", t.createdAt.toString());
        c.put("StartedAt", t.createdAt.toString());
        c.put("Type", "NORMAL");
        c.put("ContainerARN", t.taskArn.replace(":task/", ":container/") + "/app");
        c.putArray("Networks").addObject().put("NetworkMode", "awsvpc").putArray("IPv4Addresses").add("127.0.0.1");
        return c;
    }

    private static ObjectNode task(TaskInfo t) {
        ObjectNode task = JSON.createObjectNode();
        task.put("Cluster", t.cluster);
        task.put("TaskARN", t.taskArn);
        task.put("Family", "spotsim-workload");
        task.put("Revision", "1");
        task.put("DesiredStatus", t.desiredStatus);
        task.put("KnownStatus", t.knownStatus);
        task.putObject("Limits").put("CPU", 0.25).put("Memory", 512);
        task.put("PullStartedAt", t.createdAt.toString());
        task.put("PullStoppedAt", t.createdAt.toString());
        task.put("AvailabilityZone", t.availabilityZone);
        task.put("LaunchType", t.launchType);
        task.putArray("Containers").add(container(t));
        return task;
    }

    /** Docker stats shape, with steady plausible numbers. */
    private static ObjectNode stats(TaskInfo t, boolean perTask) {
        ObjectNode s = JSON.createObjectNode();
        s.put("read", Instant.now().toString());
        s.put("preread", Instant.now().minusSeconds(1).toString());
        s.putObject("cpu_stats").put("system_cpu_usage", 1_000_000_000L).putObject("cpu_usage").put("total_usage", 50_000_000L);
        s.putObject("memory_stats").put("usage", 64L << 20).put("limit", 512L << 20);
        if (!perTask) {
            return s;
        }
        ObjectNode byContainer = JSON.createObjectNode();
        byContainer.set(t.taskId + "-app", s);
        return byContainer;
    }

    @Override
    public void close() {
        server.close().await();
    }
}
