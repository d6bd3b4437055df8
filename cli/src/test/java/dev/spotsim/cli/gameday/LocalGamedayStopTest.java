package dev.spotsim.cli.gameday;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotsim.reports.render.RecordFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local game day whose stop condition breaks: with {@code healthyCapacity.minPercent >= 100} the first drained
 * target (seconds after FIS's notice) breaks it, so the running experiment is stopped, the generators' commands are
 * cancelled, gameday.json says STOPPED and the command exits 2, long before the interruption would have come.
 */
class LocalGamedayStopTest {
    @TempDir
    Path dir;

    @Test
    void aBrokenStopConditionStopsTheExperimentAndCancelsTheCommands() throws Exception {
        String ci = Files.readString(LocalGamedayTest.ciScenario(dir));
        Path variant = Files.writeString(dir.resolve("stop.yaml"), ci.replace("""
                  stopConditions:
                    healthyCapacity.minPercent: ">= 25"
                """, """
                  stopConditions:
                    healthyCapacity.minPercent: ">= 100"
                """));
        assertThat(variant).content().contains(">= 100");

        LocalGamedayTest.Ran ran = LocalGamedayTest.spotsim("gameday", variant.toString(), "--local", "--execute", "--workdir",
                LocalGamedayTest.REPO.toString(), "--out", dir.toString(), "--run-id", "local-stop");

        Path run = dir.resolve("local-stop");
        assertThat(ran.exit()).as(LocalGamedayTest.diagnosis(ran, run)).isEqualTo(2);
        JsonNode gameday = RecordFiles.json().readTree(Files.readString(run.resolve("gameday.json")));
        assertThat(gameday.path("outcome").asText()).isEqualTo("STOPPED");
        assertThat(gameday.at("/brokenGuard/key").asText()).isEqualTo("healthyCapacity.minPercent");
        assertThat(gameday.at("/brokenGuard/measured").asDouble()).as("healthy targets of the 4 at the start").isLessThan(100);
        assertThat(gameday.at("/steps/0/status").asText()).isEqualTo("stopped");
        assertThat(gameday.path("invocations")).hasSize(2).allSatisfy(i -> assertThat(i.path("status").asText()).isEqualTo("CANCELLED"));
        List<String> timeline = new ArrayList<>();
        gameday.path("timeline").forEach(e -> timeline.add(e.path("kind").asText() + " " + e.path("detail").asText()));
        assertThat(timeline).anyMatch(e -> e.startsWith("guard stop condition healthyCapacity.minPercent"))
                .anyMatch(e -> e.startsWith("command CancelCommand"))
                .anyMatch(e -> e.startsWith("experiment step 1: StopExperiment"));
        // Broken by the drain after the notice, not by the interruption two minutes later.
        Instant guard = Instant.parse(at(gameday, "guard"));
        Instant interruption = Instant.parse(gameday.at("/steps/0/interruptionAt").asText());
        assertThat(guard).isBefore(interruption);
        JsonNode record = RecordFiles.json().readTree(Files.readString(run.resolve("run.json")));
        assertThat(record.path("slos")).anySatisfy(s -> {
            assertThat(s.path("key").asText()).isEqualTo("stopConditions.healthyCapacity.minPercent");
            assertThat(s.path("holds").asBoolean()).isFalse();
        });
    }

    private static String at(JsonNode gameday, String kind) {
        for (JsonNode e : gameday.path("timeline")) {
            if (kind.equals(e.path("kind").asText())) {
                return e.path("at").asText();
            }
        }
        throw new AssertionError("no " + kind + " entry in the timeline");
    }
}
