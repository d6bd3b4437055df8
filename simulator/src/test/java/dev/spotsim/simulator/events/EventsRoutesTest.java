package dev.spotsim.simulator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.simulator.events.sink.SseHub;
import dev.spotsim.simulator.instance.InstanceIdentity;
import dev.spotsim.simulator.instance.InterruptionAction;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /events and the server-sent-events stream, mounted on a bare Router as the control API mounts them. */
class EventsRoutesTest {
    private static final InstanceIdentity ID = InstanceIdentity.generated(3, "c5.large", "us-east-1a", "spot");
    private static final Instant T = Instant.parse("2026-01-01T12:00:00Z");
    private static final String WARNINGS = "{\"detail-type\": [\"EC2 Spot Instance Interruption Warning\"]}";
    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<SseClient> streams = new ArrayList<>();
    private EventBus bus;
    private HttpServer server;

    @BeforeEach
    void start() {
        bus = new EventBus(vertx, null, List.of());
        Router router = Router.router(vertx);
        new EventsRoutes(bus).addTo(router);
        // A second mount with a fast heartbeat, so the test need not wait 15 s for one.
        SseHub fastHeartbeat = new SseHub(vertx, Duration.ofMillis(100));
        bus.subscribe(fastHeartbeat);
        new EventsRoutes(bus, fastHeartbeat).addTo(router, "/fast");
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    }

    @AfterEach
    void stop() {
        streams.forEach(SseClient::close);
        bus.close();
        vertx.close().await();
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + pathAndQuery);
    }

    private SseClient stream(String pathAndQuery, String lastEventId) throws Exception {
        SseClient client = new SseClient(http, uri(pathAndQuery), lastEventId);
        streams.add(client);
        return client;
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encoded(String pattern) {
        return URLEncoder.encode(pattern, StandardCharsets.UTF_8);
    }

    private static Event warning() {
        return Ec2Events.spotInterruptionWarning(ID, InterruptionAction.TERMINATE, T);
    }

    @Test
    void aStreamWithAPatternGetsOnlyMatchingEventsAsTheyHappen() throws Exception {
        SseClient sse = stream("/spotsim/v1/events/stream?pattern=" + encoded(WARNINGS), null);
        assertThat(sse.response().headers().firstValue("Content-Type")).hasValue("text/event-stream");
        bus.publish(Ec2Events.stateChange(ID, "running", T));
        Event warning = warning();
        bus.publish(warning);
        bus.publish(Ec2Events.stateChange(ID, "shutting-down", T));
        Event second = warning();
        bus.publish(second);
        await().atMost(Duration.ofSeconds(10)).until(() -> sse.frames().size() == 2);
        assertThat(sse.frames()).containsExactly(
                new SseClient.Frame(warning.id(), "EC2 Spot Instance Interruption Warning", warning.toJsonLine()),
                new SseClient.Frame(second.id(), "EC2 Spot Instance Interruption Warning", second.toJsonLine()));
    }

    @Test
    void aStreamReplaysNothingByDefaultAndWhatCameAfterLastEventId() throws Exception {
        Event first = warning();
        Event second = Ec2Events.stateChange(ID, "shutting-down", T);
        Event third = warning();
        List.of(first, second, third).forEach(bus::publish);
        SseClient fresh = stream("/spotsim/v1/events/stream", null);
        SseClient resumed = stream("/spotsim/v1/events/stream?pattern=" + encoded(WARNINGS), first.id());
        Event live = warning();
        bus.publish(live);
        await().atMost(Duration.ofSeconds(10)).until(() -> resumed.frames().size() == 2 && fresh.frames().size() == 1);
        assertThat(resumed.frames()).extracting(SseClient.Frame::id).containsExactly(third.id(), live.id());
        assertThat(fresh.frames()).extracting(SseClient.Frame::id).containsExactly(live.id());
    }

    @Test
    void anIdleStreamGetsHeartbeatComments() throws Exception {
        SseClient sse = stream("/fast/events/stream", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> sse.comments().contains(": heartbeat"));
        assertThat(sse.frames()).isEmpty();
    }

    @Test
    void recentEventsAreListedWithFilters() throws Exception {
        Event warning = warning();
        bus.publish(Ec2Events.stateChange(ID, "running", T));
        bus.publish(warning);
        bus.publish(Ec2Events.stateChange(ID, "shutting-down", T));
        ObjectMapper json = new ObjectMapper();
        JsonNode all = json.readTree(get("/spotsim/v1/events").body());
        assertThat(all.get("count").asInt()).isEqualTo(3);
        JsonNode byType = json.readTree(get("/spotsim/v1/events?detail-type=" + encoded("EC2 Spot Instance Interruption Warning")).body());
        assertThat(byType.get("events")).extracting(e -> e.get("id").asText()).containsExactly(warning.id());
        JsonNode byPattern = json.readTree(get("/spotsim/v1/events?pattern=" + encoded("{\"detail\": {\"state\": [\"shutting-down\"]}}")).body());
        assertThat(byPattern.get("count").asInt()).isEqualTo(1);
        JsonNode last = json.readTree(get("/spotsim/v1/events?limit=1").body());
        assertThat(last.get("events").get(0).at("/detail/state").asText()).isEqualTo("shutting-down");
    }

    @Test
    void badParametersAreRefusedWithTheFieldToFix() throws Exception {
        HttpResponse<String> badPattern = get("/spotsim/v1/events?pattern=" + encoded("{\"source\": \"aws.ec2\"}"));
        assertThat(badPattern.statusCode()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(badPattern.body()).get("message").asText()).startsWith("pattern.source: expected a non-empty array");
        assertThat(get("/spotsim/v1/events/stream?pattern=" + encoded("{not json")).statusCode()).isEqualTo(400);
        HttpResponse<String> badLimit = get("/spotsim/v1/events?limit=0");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(badLimit.body()).contains("limit: expected a whole number from 1 to 10000");
    }

    @Test
    void sinksAreListedWithTheirFigures() throws Exception {
        JsonNode sinks = new ObjectMapper().readTree(get("/spotsim/v1/sinks").body()).get("sinks");
        assertThat(sinks).extracting(s -> s.get("name").asText()).containsExactly("stream", "stream");
        assertThat(sinks.get(0).at("/stats/type").asText()).isEqualTo("stream");
    }
}
