package dev.spotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.reports.record.Measures;
import dev.spotsim.reports.record.PhaseStats;
import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.render.RecordFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
    @TempDir
    Path dir;

    @Test
    void aRunThatDrainsFortyPercentSlowerIsFlaggedAndFailsWithFailOnRegression() throws Exception {
        Path base = write("base", List.of(secs(3.0), secs(3.5)), 0, Duration.ofSeconds(10));
        Path slow = write("slow", List.of(secs(4.2), secs(4.9)), 0, Duration.ofSeconds(10));

        Cli reported = Cli.run("compare", base.toString(), slow.resolve("run.json").toString());
        Cli failed = Cli.run("compare", "--fail-on-regression", base.toString(), slow.toString());

        assertThat(reported.exitCode).isZero();
        assertThat(reported.out).containsPattern("drainTime\\.p95\\s+3\\.5s\\s+4\\.9s\\s+\\+40\\.0%\\s+WORSE")
                .containsPattern("killedWorkloads\\s+0\\s+0\\s+=")
                .contains("worse than the baseline by more than 10%: drainTime.p50, drainTime.p95, drainTime.max");
        assertThat(failed.exitCode).isEqualTo(2);
    }

    @Test
    void smallChangesWithinTheThresholdOrNoiseAreNotFlagged() throws Exception {
        Path base = write("base", List.of(secs(3.0)), 0, Duration.ofSeconds(10));
        Path same = write("same", List.of(secs(3.05)), 0, Duration.ofSeconds(10));

        Cli cli = Cli.run("compare", "--fail-on-regression", base.toString(), same.toString());

        assertThat(cli.exitCode).isZero();
        assertThat(cli.out).doesNotContain("WORSE").contains("No metric is worse");
    }

    @Test
    void aKilledWorkloadAndANeverRecoveredFleetAreWorseWhateverTheThreshold() throws Exception {
        Path base = write("base", List.of(secs(3.0)), 0, Duration.ofSeconds(10));
        Path bad = write("bad", List.of(secs(3.0)), 2, null);

        Cli cli = Cli.run("compare", "--threshold", "1000", base.toString(), bad.toString());

        assertThat(cli.out).containsPattern("killedWorkloads\\s+0\\s+2\\s+WORSE")
                .containsPattern("recoveryTime\\.max\\s+10s\\s+never\\s+WORSE");
    }

    @Test
    void aBetterRunIsMarkedBetter() throws Exception {
        Path base = write("base", List.of(secs(6.0)), 0, Duration.ofSeconds(10));
        Path fast = write("fast", List.of(secs(3.0)), 0, Duration.ofSeconds(10));

        Cli cli = Cli.run("compare", "--fail-on-regression", base.toString(), fast.toString());

        assertThat(cli.exitCode).isZero();
        assertThat(cli.out).containsPattern("drainTime\\.p95\\s+6s\\s+3s\\s+-50\\.0%\\s+better");
    }

    @Test
    void aMissingOrBrokenRecordIsOneLineAndExitOne() throws Exception {
        Path base = write("base", List.of(secs(3.0)), 0, Duration.ofSeconds(10));
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"runId\": \n  oops");

        Cli missing = Cli.run("compare", base.toString(), dir.resolve("nope").toString());
        Cli notJson = Cli.run("compare", base.toString(), broken.toString());
        Cli notRecord = Cli.run("compare", base.toString(), write(dir.resolve("list.json"), "[1,2]").toString());

        assertThat(missing.exitCode).isEqualTo(1);
        assertThat(missing.err.strip()).isEqualTo("compare: " + dir.resolve("nope") + ": not found");
        assertThat(notJson.exitCode).isEqualTo(1);
        assertThat(notJson.err.strip()).startsWith("compare: " + broken + ":2:").contains("not valid JSON");
        assertThat(notJson.errLines()).isEqualTo(1);
        assertThat(notRecord.err).contains("not a spotsim run record");
    }

    @Test
    void helpNamesTheArgumentsAndExitCodes() {
        Cli cli = Cli.run("compare", "--help");

        assertThat(cli.exitCode).isZero();
        assertThat(cli.out).contains("BASELINE", "CURRENT", "--threshold", "--fail-on-regression", "Exit codes");
    }

    private static Duration secs(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    private Path write(Path file, String text) throws Exception {
        Files.writeString(file, text);
        return file;
    }

    /** A run directory holding a run.json written the way {@code spotsim run} writes it. */
    private Path write(String name, List<Duration> drains, int killed, Duration recovery) throws Exception {
        Path runDir = Files.createDirectories(dir.resolve(name));
        PhaseStats total = new PhaseStats(1000, killed * 10L, Map.of(), 2, 4, 5, 8, 20, 3, 60);
        Measures measures = new Measures(List.of(Duration.ofMillis(800)), drains, killed, Map.of("interrupted", total), total, recovery, 3, 4);
        Instant start = Instant.parse("2026-11-29T10:00:00Z");
        RunRecord record = new RunRecord(name, "demo", "local", 42, start, start.plusSeconds(60), "completed", null, List.of(), List.of(),
                List.of(), measures, List.of(), 0);
        Files.writeString(runDir.resolve("run.json"), RecordFiles.json().writeValueAsString(record));
        return runDir;
    }
}
