package dev.spotsim.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run goal's summary for verify: executions of one build add up, a new build starts over. */
class RunSummaryTest {
    private static RunSummary.Entry entry(String name, int exitCode) {
        return new RunSummary.Entry(name + ".yaml", name, "/tmp/" + name, exitCode, exitCode == 0 ? "PASS: every SLO holds" : "FAIL: 1 SLO(s) broken",
                exitCode == 2 ? List.of("BROKEN  drainTime.p95 = 3s, expected < 1s") : List.of(), null);
    }

    @Test
    void aSecondExecutionInTheSameBuildAddsItsRuns(@TempDir Path dir) {
        Path file = dir.resolve("spotsim/spotsim-summary.json");
        Instant build = Instant.parse("2026-11-29T12:00:00Z");
        RunSummary.append(file, build, List.of(entry("a", 0)));
        RunSummary.append(file, build, List.of(entry("b", 2)));

        assertThat(RunSummary.read(file).runs()).extracting(RunSummary.Entry::name).containsExactly("a", "b");
        assertThat(RunSummary.read(file).runs().get(1).failedSlos()).containsExactly("BROKEN  drainTime.p95 = 3s, expected < 1s");
    }

    @Test
    void aLaterBuildReplacesAnEarlierBuildsRuns(@TempDir Path dir) {
        Path file = dir.resolve("spotsim-summary.json");
        RunSummary.append(file, Instant.parse("2026-11-29T12:00:00Z"), List.of(entry("old", 2)));
        RunSummary.append(file, Instant.parse("2026-11-29T12:30:00Z"), List.of(entry("new", 0)));

        assertThat(RunSummary.read(file).runs()).extracting(RunSummary.Entry::name).containsExactly("new");
    }

    @Test
    void noFileIsNoSummary(@TempDir Path dir) {
        assertThat(RunSummary.read(dir.resolve("missing.json"))).isNull();
    }

    @Test
    void anEntryDescribesItsVerdictItsBrokenSlosAndItsReport() {
        assertThat(entry("web", 2).describe()).containsExactly("web (web.yaml): FAIL: 1 SLO(s) broken",
                "  BROKEN  drainTime.p95 = 3s, expected < 1s", "  report: /tmp/web/report.html");
    }
}
