package dev.spotsim.cli.gameday;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotsim.reports.render.RecordFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spotsim gameday local-gameday-ci.yaml --local --execute} end to end: FIS interrupts two instances of the
 * simulated group, two SSM generators drive Gatling load at the balancer, drain is measured from ECS and target
 * health, run.json, junit.xml and report.html are written, and every SLO holds (exit 0). About 3 minutes: FIS's
 * notice is the real two minutes.
 * <p>Made for a starved box (load 20 on 2 cores failed it before): the workload is compiled once and started with C1
 * only ({@link LocalGamedayTest#ciScenario}), and the scenario's health check tolerates slow answers (see
 * local-gameday-ci.yaml). A failure prints the failing seconds with their causes and the run's timeline.
 */
class LocalGamedayPassTest {
    @TempDir
    Path dir;

    @Test
    void theExampleGamedayPassesOnTheSimulator() throws Exception {
        LocalGamedayTest.Ran ran = LocalGamedayTest.spotsim("gameday", LocalGamedayTest.ciScenario(dir).toString(), "--local", "--execute",
                "--workdir", LocalGamedayTest.REPO.toString(), "--out", dir.toString(), "--run-id", "local-pass");

        Path run = dir.resolve("local-pass");
        assertThat(ran.exit()).as(LocalGamedayTest.diagnosis(ran, run)).isZero();
        assertThat(run.resolve("junit.xml")).exists();
        assertThat(run.resolve("report.html")).exists();
        JsonNode record = RecordFiles.json().readTree(Files.readString(run.resolve("run.json")));
        assertThat(record.path("outcome").asText()).isEqualTo("completed");
        assertThat(record.path("workloads")).hasSize(2).allSatisfy(w -> {
            assertThat(w.path("deregistered").isTextual()).as("target health read: %s", w).isTrue();
            assertThat(w.path("exited").isTextual()).as("ECS task stop read: %s", w).isTrue();
        });
        assertThat(record.at("/measures/total/requests").asLong()).isPositive();
        // Healthy capacity is read from target health: the two drained tasks leave the target group before their replacements are healthy.
        assertThat(record.at("/measures/minHealthyCapacity").asInt()).isLessThan(record.at("/measures/desiredCapacity").asInt());
        JsonNode gameday = RecordFiles.json().readTree(Files.readString(run.resolve("gameday.json")));
        assertThat(gameday.path("steps")).hasSize(1).allSatisfy(s -> assertThat(s.path("status").asText()).isEqualTo("completed"));
        assertThat(gameday.path("invocations")).hasSize(2).allSatisfy(i -> assertThat(i.path("status").asText()).isEqualTo("SUCCESS"));
        // The run's SQS queue fed by its EventBridge rule gave the warnings at their own times, and was deleted at the end.
        java.util.List<String> timeline = new java.util.ArrayList<>();
        gameday.path("timeline").forEach(e -> timeline.add(e.path("kind").asText() + " " + e.path("instanceId").asText() + " "
                + e.path("detail").asText()));
        assertThat(timeline).anyMatch(e -> e.startsWith("drain null SQS queue and EventBridge rule spotsim-local-pass created"));
        assertThat(timeline.stream().filter(e -> e.startsWith("notice ") && e.endsWith("EC2 Spot Instance Interruption Warning (EventBridge)")))
                .hasSize(2);
        assertThat(gameday.path("cleanupProblems")).isEmpty();
    }
}
