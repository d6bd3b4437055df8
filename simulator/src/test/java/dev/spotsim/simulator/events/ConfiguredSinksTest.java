package dev.spotsim.simulator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.events.sink.SinkConfig;
import dev.spotsim.simulator.fleet.AllocationStrategy;
import dev.spotsim.simulator.fleet.GroupSpec;
import dev.spotsim.simulator.fleet.SpotPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sinks a config file describes (as serve --config gives them) see every journaled event they match, the fleet's start-up too. */
class ConfiguredSinksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> ids(Path jsonl) throws Exception {
        return Files.readAllLines(jsonl).stream().map(line -> {
            try {
                return JSON.readTree(line).get("id").asText();
            } catch (Exception e) {
                throw new AssertionError(line, e);
            }
        }).toList();
    }

    @Test
    void aConfiguredSinkReceivesTheStartUpEventsOfAGroup(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("journal.jsonl");
        Path sinkFile = dir.resolve("sink.jsonl");
        Path launches = dir.resolve("launches.jsonl");
        GroupSpec group = new GroupSpec("web", 6, AllocationStrategy.DIVERSIFIED, Duration.ZERO, false,
                List.of(new SpotPool("c5.large", "us-east-1a", 0.03, SpotPool.UNLIMITED)));
        SinkConfig all = new SinkConfig("file", "all", null, sinkFile.toString(), null, null, null, null, null, null);
        SinkConfig onlyLaunches = new SinkConfig("file", "launches", null, launches.toString(), null, null,
                JSON.readTree("{\"detail-type\": [\"EC2 Instance Launch Successful\"]}"), null, null, null);
        try (SpotSim sim = SpotSim.builder().group(group).eventJournal(journal).eventSinks(List.of(all, onlyLaunches)).start()) {
            List<String> journaled = ids(journal);
            assertThat(journaled).as("at least two start-up events per instance").hasSizeGreaterThanOrEqualTo(12);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ids(sinkFile)).containsExactlyElementsOf(journaled));
            assertThat(Files.readAllLines(launches)).hasSize(6).allSatisfy(line -> assertThat(line).contains("EC2 Instance Launch Successful"));
        }
    }
}
