package dev.spotsim.simulator.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.simulator.RawHttp;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoint over real HTTP, checked against the field names of AWS's v4 examples:
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-metadata-endpoint-v4-examples.html
 */
class TaskMetadataServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant CREATED = Instant.parse("2026-01-01T12:00:00Z");
    private static final Instant NOW = CREATED.plusSeconds(90);
    private static final String ARN = "arn:aws:ecs:us-east-1:123456789012:task/spotsim/task-0001";
    private Vertx vertx;
    private TaskMetadataServer server;
    private TaskMetadata task;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        server = TaskMetadataServer.start(vertx, "127.0.0.1", Clock.fixed(NOW, ZoneOffset.UTC));
        task = server.add(new TaskMetadataServer.TaskInfo("task-0001", "spotsim", ARN, "us-east-1a", "EC2", CREATED));
    }

    @AfterEach
    void stop() {
        server.close();
        vertx.close().await();
    }

    private JsonNode get(String uri) throws Exception {
        HttpResponse<String> r = new RawHttp(uri).get("");
        assertThat(r.statusCode()).as(uri + ": " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(r.body());
    }

    @Test
    void theContainerEndpointDescribesTheContainerWithAwsFieldNames() throws Exception {
        assertThat(task.uri()).isEqualTo("http://127.0.0.1:" + server.port() + "/v4/task-0001").isEqualTo(server.uriFor("task-0001"));
        JsonNode c = get(task.uri());
        assertThat(c.path("DockerId").asText()).matches("[0-9a-f]{64}");
        assertThat(c.path("Name").asText()).isEqualTo("app");
        assertThat(c.path("DockerName").asText()).startsWith("ecs-spotsim-workload-1-app-");
        assertThat(c.path("Image").asText()).isNotEmpty();
        assertThat(c.path("ImageID").asText()).matches("sha256:[0-9a-f]{64}");
        assertThat(c.path("Labels").path("com.amazonaws.ecs.task-arn").asText()).isEqualTo(ARN);
        assertThat(c.path("Labels").path("com.amazonaws.ecs.cluster").asText()).isEqualTo("spotsim");
        assertThat(c.path("Labels").path("com.amazonaws.ecs.container-name").asText()).isEqualTo("app");
        assertThat(c.path("DesiredStatus").asText()).isEqualTo("RUNNING");
        assertThat(c.path("KnownStatus").asText()).isEqualTo("RUNNING");
        assertThat(c.path("Limits").path("CPU").asInt()).isPositive();
        assertThat(c.path("Limits").path("Memory").asInt()).isPositive();
        assertThat(c.path("CreatedAt").asText()).isEqualTo("2026-01-01T12:00:00Z");
        assertThat(c.path("StartedAt").asText()).isEqualTo("2026-01-01T12:00:00Z");
        assertThat(c.path("Type").asText()).isEqualTo("NORMAL");
        assertThat(c.path("ContainerARN").asText()).startsWith("arn:aws:ecs:us-east-1:123456789012:container/");
        assertThat(c.path("Networks").path(0).path("IPv4Addresses").path(0).asText()).isEqualTo("127.0.0.1");
        assertThat(c.has("ExitCode")).as("only once the container exited").isFalse();
    }

    @Test
    void theTaskEndpointDescribesTheTaskAndItsContainer() throws Exception {
        JsonNode t = get(task.uri() + "/task");
        assertThat(t.path("Cluster").asText()).isEqualTo("spotsim");
        assertThat(t.path("TaskARN").asText()).isEqualTo(ARN);
        assertThat(t.path("Family").asText()).isEqualTo("spotsim-workload");
        assertThat(t.path("Revision").asText()).isEqualTo("1");
        assertThat(t.path("DesiredStatus").asText()).isEqualTo("RUNNING");
        assertThat(t.path("KnownStatus").asText()).isEqualTo("RUNNING");
        assertThat(t.path("PullStartedAt").asText()).isEqualTo("2026-01-01T12:00:00Z");
        assertThat(t.path("AvailabilityZone").asText()).isEqualTo("us-east-1a");
        assertThat(t.path("LaunchType").asText()).isEqualTo("EC2");
        assertThat(t.path("Limits").path("Memory").asInt()).isPositive();
        assertThat(t.path("Containers")).hasSize(1);
        assertThat(t.path("Containers").path(0)).isEqualTo(get(task.uri()));
    }

    @Test
    void statsHaveDockersShapeAndTaskStatsAreKeyedByDockerId() throws Exception {
        JsonNode s = get(task.uri() + "/stats");
        assertThat(s.path("read").asText()).isEqualTo(NOW.toString());
        assertThat(s.path("preread").asText()).isEqualTo(NOW.minusSeconds(1).toString());
        long used = s.path("cpu_stats").path("cpu_usage").path("total_usage").asLong();
        long usedBefore = s.path("precpu_stats").path("cpu_usage").path("total_usage").asLong();
        assertThat(used).isGreaterThan(usedBefore);
        assertThat(s.path("cpu_stats").path("system_cpu_usage").asLong()).isGreaterThan(s.path("precpu_stats").path("system_cpu_usage").asLong());
        assertThat(s.path("memory_stats").path("usage").asLong()).isPositive().isLessThan(s.path("memory_stats").path("limit").asLong());
        String dockerId = get(task.uri()).path("DockerId").asText();
        assertThat(s.path("id").asText()).isEqualTo(dockerId);

        JsonNode byContainer = get(task.uri() + "/task/stats");
        assertThat(byContainer.fieldNames()).toIterable().containsExactly(dockerId);
        assertThat(byContainer.path(dockerId)).isEqualTo(s);
    }

    @Test
    void statusesFollowTheDrainThroughTheJavaApi() throws Exception {
        task.stopping();
        assertThat(get(task.uri() + "/task").path("DesiredStatus").asText()).isEqualTo("STOPPED");
        assertThat(get(task.uri() + "/task").path("KnownStatus").asText()).isEqualTo("RUNNING");
        assertThat(get(task.uri()).path("DesiredStatus").asText()).isEqualTo("STOPPED");

        task.stopped(143, CREATED.plusSeconds(60));
        JsonNode t = get(task.uri() + "/task");
        assertThat(t.path("KnownStatus").asText()).isEqualTo("STOPPED");
        assertThat(t.path("ExecutionStoppedAt").asText()).isEqualTo("2026-01-01T12:01:00Z");
        JsonNode c = t.path("Containers").path(0);
        assertThat(c.path("KnownStatus").asText()).isEqualTo("STOPPED");
        assertThat(c.path("ExitCode").asInt()).isEqualTo(143);
        assertThat(c.path("FinishedAt").asText()).isEqualTo("2026-01-01T12:01:00Z");
        assertThat(get(task.uri() + "/stats").path("read").asText()).as("stats stop with the container").isEqualTo("2026-01-01T12:01:00Z");
    }

    @Test
    void eachTaskHasItsOwnPrefixAndUnknownOrRemovedTasksAre404() throws Exception {
        TaskMetadata other = server.add(new TaskMetadataServer.TaskInfo("task-0002", "spotsim",
                "arn:aws:ecs:us-east-1:123456789012:task/spotsim/task-0002", "us-east-1b", "FARGATE", CREATED));
        other.stopping();
        assertThat(get(other.uri() + "/task").path("TaskARN").asText()).endsWith("/task-0002");
        assertThat(get(other.uri() + "/task").path("DesiredStatus").asText()).isEqualTo("STOPPED");
        assertThat(get(other.uri()).path("Networks").path(0).path("NetworkMode").asText()).isEqualTo("awsvpc");
        assertThat(get(task.uri() + "/task").path("DesiredStatus").asText()).isEqualTo("RUNNING");
        assertThat(server.task("task-0002")).isSameAs(other);

        server.remove("task-0002");
        assertThat(new RawHttp(other.uri()).get("/task").statusCode()).isEqualTo(404);
        assertThat(new RawHttp(server.uriFor("nobody")).get("").statusCode()).isEqualTo(404);
    }

    @Test
    void aTaskIdThatCannotBeAPathIsRefused() {
        assertThatThrownBy(() -> new TaskMetadataServer.TaskInfo("a/b", "spotsim", ARN, "us-east-1a", "EC2", CREATED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("taskId: expected letters, digits");
    }
}
