package dev.spotsim.simulator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.scenarios.model.AllocationStrategy;
import dev.spotsim.scenarios.select.Selection;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.clock.ManualClock;
import dev.spotsim.simulator.events.sink.SinkConfig;
import dev.spotsim.simulator.fleet.FleetSettings;
import dev.spotsim.simulator.fleet.GroupSpec;
import dev.spotsim.simulator.fleet.InterruptRequest;
import dev.spotsim.simulator.fleet.SpotPool;
import dev.spotsim.simulator.instance.Interruption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 simultaneous interruptions through a real webhook: every warning arrives, each with its own
 * id, and each instance's events arrive in the order they happened (what README promises a receiver).
 */
class BurstDeliveryTest {
    private static final int FLEET = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T12:00:00Z"));
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Event ids by the event's first resource, in the order given (the journal's, or first 2xx arrivals). */
    private static Map<String, List<String>> idsPerResource(List<String> jsonEvents) {
        Map<String, List<String>> lanes = new LinkedHashMap<>();
        for (String line : jsonEvents) {
            JsonNode e = parse(line);
            List<String> ids = lanes.computeIfAbsent(e.path("resources").path(0).asText(), k -> new ArrayList<>());
            if (!ids.contains(e.path("id").asText())) {
                ids.add(e.path("id").asText());
            }
        }
        return lanes;
    }

    @Test
    void aThousandSimultaneousWarningsAllArriveWithUniqueIdsAndEachInstanceInOrder(@TempDir Path dir) throws Exception {
        Receiver receiver = new Receiver(0);
        open.add(receiver);
        // The warnings and the interrupted instances' own state changes (shutting-down, then terminated).
        JsonNode pattern = JSON.readTree("{\"source\": [\"aws.ec2\"], \"$or\": [{\"detail-type\": [\"EC2 Spot Instance Interruption Warning\"]},"
                + " {\"detail\": {\"state\": [\"shutting-down\", \"terminated\"]}}]}");
        SinkConfig hook = new SinkConfig("webhook", "burst", receiver.url(), null, null, null, pattern, null,
                Duration.ofMillis(20), Duration.ofMillis(200));
        Path journal = dir.resolve("events.jsonl");
        SpotSim sim = SpotSim.builder().clock(clock).eventJournal(journal).eventSinks(List.of(hook))
                .settings(new FleetSettings(Duration.ofSeconds(5), Duration.ZERO))
                .group(new GroupSpec("burst", FLEET, AllocationStrategy.DIVERSIFIED, Duration.ZERO, false,
                        List.of(new SpotPool("c5.large", "us-east-1a", 0.03, SpotPool.UNLIMITED),
                                new SpotPool("m5.large", "us-east-1b", 0.04, SpotPool.UNLIMITED)))).start();
        open.add(sim);

        List<Interruption> hit = sim.fleet().interruptSelected(Selection.everything(), InterruptRequest.awsDefault(), 1);
        assertThat(hit).hasSize(FLEET);
        // The action and the end of the shutdown: two state changes per interrupted instance, one right after the other.
        clock.advance(InterruptRequest.AWS_NOTICE.plusSeconds(5));

        await().atMost(Duration.ofSeconds(120)).until(() -> receiver.delivered().size() >= 3 * FLEET);
        List<String> arrived = receiver.requests().stream().filter(r -> r.answeredWith() == 200).map(Receiver.Request::body).toList();
        List<JsonNode> warnings = arrived.stream().map(BurstDeliveryTest::parse)
                .filter(e -> e.path("detail-type").asText().equals("EC2 Spot Instance Interruption Warning")).toList();
        assertThat(warnings.stream().map(e -> e.path("detail").path("instance-id").asText()).collect(Collectors.toSet()))
                .as("a warning for every interrupted instance").isEqualTo(hit.stream().map(Interruption::instanceId).collect(Collectors.toSet()));
        Set<String> warningIds = warnings.stream().map(e -> e.path("id").asText()).collect(Collectors.toSet());
        assertThat(warningIds).as("one id per warning, even if one was sent twice").hasSize(FLEET);

        List<String> journaled = Files.readAllLines(journal).stream()
                .filter(line -> pattern(line, "EC2 Spot Instance Interruption Warning") || line.contains("\"state\":\"shutting-down\"")
                        || line.contains("\"state\":\"terminated\"")).toList();
        assertThat(journaled).hasSize(3 * FLEET);
        Map<String, List<String>> happened = idsPerResource(journaled);
        assertThat(idsPerResource(arrived)).as("per resource, every event once and in the order it happened").isEqualTo(happened);
        assertThat(happened.values()).as("the interrupted instances' lanes hold two events each").filteredOn(ids -> ids.size() == 2).hasSize(FLEET);
    }

    private static boolean pattern(String line, String detailType) {
        return line.contains("\"detail-type\":\"" + detailType + "\"");
    }
}
