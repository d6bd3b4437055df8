package dev.spotsim.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.reports.record.Measures;
import dev.spotsim.reports.record.PhaseStats;
import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.record.SloResult;
import dev.spotsim.reports.record.TimelineEntry;
import dev.spotsim.reports.record.WorkloadDrain;
import dev.spotsim.reports.render.RecordFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run goal reads the fork's run.json back into the record types it was written from. */
class RunRecordRoundTripTest {
    @Test
    void aWrittenRunJsonReadsBackEqualEvenWithAnSloWithoutData(@TempDir Path dir) throws Exception {
        Instant t = Instant.parse("2026-11-29T10:00:00Z");
        PhaseStats steady = new PhaseStats(100, 1, Map.of("502", 1L), 2, 3, 4, 5, 9, 2.5, 10);
        Measures m = new Measures(List.of(Duration.ofMillis(800)), List.of(Duration.ofMillis(2300)), 0, Map.of("steady", steady), steady,
                Duration.ofSeconds(7), 1, 2);
        WorkloadDrain drain = new WorkloadDrain("task-001", "i-0abc", "ecs-ec2", t.plusSeconds(5), t.plusSeconds(6), t.plusSeconds(6),
                null, t.plusMillis(7300), null, 0, "SIGTERM", null, false, null, "pid 42");
        RunRecord record = new RunRecord("run-1", "web", "local", 42, t, t.plusSeconds(30), "completed", null,
                List.of(new TimelineEntry(t, "load-start", null, "10 req/s for 20s")), List.of(drain), List.of(), m,
                List.of(new SloResult("drainTime.p95", "< 1s", 2.3, "2.3s", false, "drainTime.p95 = 2.3s, expected < 1s"),
                        // No data: measured is NaN, which JSON has no number for.
                        new SloResult("recoveryTime.max", "< 30s", Double.NaN, "no data", false, "recoveryTime.max: no data")), 2);
        RecordFiles.write(dir, record);

        RunRecord read = RecordFiles.json().readValue(Files.readString(dir.resolve("run.json")), RunRecord.class);

        assertThat(read).isEqualTo(record);
    }
}
