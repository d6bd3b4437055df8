package dev.spotsim.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.record.TimelineEntry;
import dev.spotsim.scenarios.model.Scenario;
import dev.spotsim.scenarios.parse.StructuredReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local runs without load: a workload that cannot start, and the order of a shutdown. */
class LocalRunTest {
    private static Scenario scenario(String lane, String command, String extra) {
        return new StructuredReader().read("""
                name: local-run-test
                fleet:
                  group: {desired: 2, launchDelay: 0s}
                  pools: [{type: c5.large, az: us-east-1a}]
                workload: {lane: %s, command: "%s"}
                %s
                """.formatted(lane, command, extra), "test.yaml", false, Scenario.class);
    }

    private static RunRecord run(Scenario scenario, Path dir, Duration startTimeout) {
        return new LocalRun(scenario, "test-run", new LocalRun.Options(dir, 1, dir, startTimeout, null)).run();
    }

    @Test
    void aCommandThatDoesNotExistFailsFastWithItsExitCodeTheCommandAndItsLog(@TempDir Path dir) throws Exception {
        Instant start = Instant.now();
        RunRecord record = run(scenario("app", "no-such-program-anywhere --port $PORT", ""), dir, Duration.ofMinutes(2));

        assertThat(Duration.between(start, Instant.now())).as("not the 2 minute start timeout").isLessThan(Duration.ofSeconds(60));
        assertThat(record.outcome()).isEqualTo("error");
        assertThat(record.error()).contains("exits right after it starts (3 times in a row", "exit 127: command not found",
                "command: no-such-program-anywhere --port $PORT", "not found");
        try (Stream<Path> logs = Files.list(dir.resolve("logs"))) {
            assertThat(logs.count()).as("no restart loop: the 3 early exits, and at most one more started meanwhile").isBetween(3L, 4L);
        }
        assertThat(record.timeline()).extracting(TimelineEntry::kind).contains("crash", "workload-failing");
    }

    @Test
    void ctrlCStopsThePlatformFirstThenGivesEveryWorkloadItsStopSignal(@TempDir Path dir) throws Exception {
        Scenario s = scenario("batch", "trap 'echo got TERM; exit 0' TERM; echo working; while :; do sleep 0.1; done",
                "interruptions: [{at: 300s, select: {count: 1}}]");
        LocalRun run = new LocalRun(s, "test-run", new LocalRun.Options(dir, 1, dir, Duration.ofSeconds(60), null));
        CompletableFuture<RunRecord> record = CompletableFuture.supplyAsync(run::run);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve("logs/job-002-attempt-1.log"))
                && Files.readString(dir.resolve("logs/job-002-attempt-1.log")).contains("working"));

        run.abort();
        RunRecord r = record.get(60, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(r.outcome()).isEqualTo("interrupted");
        List<TimelineEntry> timeline = r.timeline();
        Instant shutdown = timeline.stream().filter(e -> e.kind().equals("shutdown")).map(TimelineEntry::at).findFirst().orElseThrow();
        assertThat(timeline).filteredOn(e -> e.kind().equals("task-stopped")).hasSize(2)
                .allSatisfy(e -> assertThat(e.detail()).endsWith("exit 0 at shutdown"));
        assertThat(timeline).filteredOn(e -> e.kind().equals("task-start") && e.at().isAfter(shutdown)).as("no replacement during shutdown").isEmpty();
        assertThat(timeline).extracting(TimelineEntry::kind).doesNotContain("sigkill", "kill");
        assertThat(Files.readString(dir.resolve("logs/job-001-attempt-1.log"))).contains("got TERM");
    }
}
