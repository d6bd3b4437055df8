package dev.spotsim.simulator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.simulator.RawHttp;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.clock.ManualClock;
import dev.spotsim.simulator.fleet.AllocationStrategy;
import dev.spotsim.simulator.fleet.GroupSpec;
import dev.spotsim.simulator.fleet.InterruptRequest;
import dev.spotsim.simulator.fleet.LifecycleHook;
import dev.spotsim.simulator.fleet.SpotPool;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The events a fleet emits through an interruption and its replacement, at AWS's moments, and how clients see them. */
class FleetEventsTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T12:00:00Z"));
    private SpotSim sim;
    private SseClient stream;

    @AfterEach
    void stop() {
        if (stream != null) {
            stream.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private void start(Path journal) {
        sim = SpotSim.builder().clock(clock).eventJournal(journal)
                .group(new GroupSpec("web", 2, AllocationStrategy.DIVERSIFIED, Duration.ofSeconds(10), false,
                        List.of(new SpotPool("c5.large", "us-east-1a", 0.03, SpotPool.UNLIMITED),
                                new SpotPool("m5.large", "us-east-1b", 0.04, SpotPool.UNLIMITED)))).start();
    }

    private List<String> journal(Path file) throws Exception {
        ObjectMapper json = new ObjectMapper();
        return Files.readAllLines(file).stream().map(l -> {
            try {
                JsonNode e = json.readTree(l);
                String state = e.path("detail").path("state").asText("");
                return e.get("time").asText().substring(11, 19) + " " + e.get("detail-type").asText() + (state.isEmpty() ? "" : " " + state);
            } catch (Exception ex) {
                throw new AssertionError(ex);
            }
        }).toList();
    }

    @Test
    void anInterruptionEmitsRebalanceWarningStateChangesAndTheReplacement(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("events.jsonl");
        start(file);
        clock.advance(Duration.ofSeconds(10));
        String victim = sim.instances().get(0).instanceId();
        // Lifecycle-action events come only from a group with hooks.
        sim.fleet().group("web").lifecycleHooks().put(new LifecycleHook("drain", LifecycleHook.Transition.TERMINATING, null,
                LifecycleHook.Result.CONTINUE, null, null, null));
        sim.fleet().group("web").lifecycleHooks().put(new LifecycleHook("warm-up", LifecycleHook.Transition.LAUNCHING, null,
                LifecycleHook.Result.CONTINUE, null, null, null));
        int before = journal(file).size();
        sim.interrupt(victim, new InterruptRequest(null, Duration.ofMinutes(2), null, Duration.ofSeconds(30)));
        clock.advance(Duration.ofMinutes(3));
        List<String> after = journal(file).subList(before, journal(file).size());
        assertThat(after).containsSubsequence(
                "12:00:10 EC2 Instance Rebalance Recommendation",
                "12:00:40 EC2 Spot Instance Interruption Warning",
                "12:00:40 EC2 Instance-terminate Lifecycle Action",
                "12:00:40 EC2 Instance-launch Lifecycle Action",
                "12:00:50 EC2 Instance Launch Successful",
                "12:02:40 EC2 Instance State-change Notification shutting-down",
                "12:02:45 EC2 Instance State-change Notification terminated",
                "12:02:45 EC2 Instance Terminate Successful");
        assertThat(after).contains("12:00:40 EC2 Instance State-change Notification pending", "12:00:50 EC2 Instance State-change Notification running");
    }

    @Test
    void eventsAreListedAndStreamedWithAPattern(@TempDir Path dir) throws Exception {
        start(dir.resolve("events.jsonl"));
        clock.advance(Duration.ofSeconds(10));
        String pattern = URLEncoder.encode("{\"detail-type\": [\"EC2 Spot Instance Interruption Warning\"]}", StandardCharsets.UTF_8);
        stream = new SseClient(HttpClient.newHttpClient(), URI.create(sim.controlUrl() + "/events/stream?pattern=" + pattern), null);
        assertThat(stream.response().headers().firstValue("Content-Type")).contains("text/event-stream");
        sim.interrupt(sim.instances().get(1).instanceId(), InterruptRequest.awsDefault());
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.frames().size() == 1);
        assertThat(stream.frames().get(0).event()).isEqualTo("EC2 Spot Instance Interruption Warning");

        JsonNode listed = new ObjectMapper().readTree(new RawHttp(sim.controlUrl()).get("/events?detail-type=EC2%20Instance%20State-change%20Notification").body());
        // pending and running for both, and pending for the replacement launched at the notice
        assertThat(listed.get("count").asInt()).isEqualTo(5);
        assertThat(new RawHttp(sim.controlUrl()).get("/events?pattern=%7Bbad").statusCode()).isEqualTo(400);
    }
}
