package dev.spotsim.simulator.ecs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The ECS task metadata endpoint version 4, one path prefix per task ({@code ${ECS_CONTAINER_METADATA_URI_V4}}
 * = {@code http://127.0.0.1:PORT/v4/<task-id>}): the container at the prefix, {@code /task}, {@code /stats},
 * {@code /task/stats}, with statuses that follow the drain.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-metadata-endpoint-v4.html
 */
public final class TaskMetadataServer implements AutoCloseable {
    private final Map<String, TaskMetadata> tasks = new ConcurrentHashMap<>();
    private final Clock clock;
    private final String urlHost;
    private volatile HttpServer server;

    /** A task as ECS describes it; the id becomes its path prefix (letters, digits, '.', '_', '-'). */
    public record TaskInfo(String taskId, String cluster, String taskArn, String availabilityZone, String launchType, Instant createdAt) {
        public TaskInfo {
            Objects.requireNonNull(taskId, "taskId");
            if (!taskId.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("taskId: expected letters, digits, '.', '_' or '-' (it becomes a URL path), got \"" + taskId + "\"");
            }
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(taskArn, "taskArn");
            Objects.requireNonNull(availabilityZone, "availabilityZone");
            Objects.requireNonNull(launchType, "launchType");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    private TaskMetadataServer(String host, Clock clock) {
        this.clock = clock;
        this.urlHost = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
    }

    /** Starts on {@code host}, a free port, with the system clock. Blocks: never call it on an event loop. */
    public static TaskMetadataServer start(Vertx vertx, String host) {
        return start(vertx, host, Clock.systemUTC());
    }

    /** Starts on {@code host}, a free port; {@code clock} dates the stats. Blocks: never call it on an event loop. */
    public static TaskMetadataServer start(Vertx vertx, String host, Clock clock) {
        TaskMetadataServer endpoint = new TaskMetadataServer(host, clock);
        endpoint.server = vertx.createHttpServer().requestHandler(endpoint.router(vertx)).listen(0, host).await();
        return endpoint;
    }

    private Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.get("/v4/:task").handler(ctx -> answer(ctx, (t, now) -> TaskMetadataBodies.container(t)));
        router.get("/v4/:task/task").handler(ctx -> answer(ctx, (t, now) -> TaskMetadataBodies.task(t)));
        router.get("/v4/:task/stats").handler(ctx -> answer(ctx, TaskMetadataBodies::stats));
        router.get("/v4/:task/task/stats").handler(ctx -> answer(ctx, TaskMetadataBodies::taskStats));
        return router;
    }

    private void answer(RoutingContext ctx, BiFunction<TaskMetadata, Instant, ObjectNode> body) {
        TaskMetadata task = tasks.get(ctx.pathParam("task"));
        if (task == null) {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain").end("task metadata not found\n");
            return;
        }
        ctx.response().putHeader("Content-Type", "application/json").end(body.apply(task, clock.instant()).toString());
    }

    /** Serves {@code info} from now on, RUNNING; the returned handle moves its statuses along. */
    public TaskMetadata add(TaskInfo info) {
        TaskMetadata task = new TaskMetadata(info, uriFor(info.taskId()));
        tasks.put(info.taskId(), task);
        return task;
    }

    /** The task added with {@code taskId}, or null. */
    public TaskMetadata task(String taskId) {
        return tasks.get(taskId);
    }

    /** Stops serving the task: its URI answers 404, as after ECS cleaned the task up. */
    public void remove(String taskId) {
        tasks.remove(taskId);
    }

    /** The value of {@code ECS_CONTAINER_METADATA_URI_V4} for the task's container. */
    public String uriFor(String taskId) {
        return "http://" + urlHost + ":" + port() + "/v4/" + taskId;
    }

    public int port() {
        return server.actualPort();
    }

    /** Stops listening and waits until the port is released. Blocks: never call it on an event loop. */
    @Override
    public void close() {
        server.close().await();
    }
}
