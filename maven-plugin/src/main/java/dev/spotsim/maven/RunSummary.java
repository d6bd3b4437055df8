package dev.spotsim.maven;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.spotsim.reports.render.RecordFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the {@code run} goal leaves for {@code verify} ({@code target/spotsim/spotsim-summary.json}), as failsafe
 * leaves failsafe-summary.xml: one entry per scenario run in this build.
 *
 * @param buildStartedAt when the build that wrote it started: a later execution of {@code run} in the same build adds to it
 */
record RunSummary(Instant buildStartedAt, List<Entry> runs) {
    RunSummary {
        runs = List.copyOf(runs);
    }

    /**
     * One scenario's run.
     *
     * @param runDir null when the fork stopped before creating it
     * @param verdict "PASS: ...", "FAIL: ...", "NO VERDICT: ..."
     * @param failedSlos the SLO lines that did not hold
     * @param junitReport the JUnit XML copied for CI's test report, or null
     */
    record Entry(String scenarioFile, String name, String runDir, int exitCode, String verdict, List<String> failedSlos, String junitReport) {
        Entry {
            failedSlos = failedSlos == null ? List.of() : List.copyOf(failedSlos);
        }

        boolean brokeAnSlo() {
            return exitCode == 2;
        }

        boolean hasVerdict() {
            return exitCode == 0 || exitCode == 2;
        }

        /** The entry's lines for the build log: what ran, its verdict, what broke, where the report is. */
        List<String> describe() {
            List<String> lines = new ArrayList<>();
            lines.add(name + " (" + scenarioFile + "): " + verdict);
            failedSlos.forEach(s -> lines.add("  " + s));
            if (runDir != null) {
                lines.add("  report: " + Path.of(runDir).resolve("report.html"));
            }
            return lines;
        }
    }

    /** The summary in {@code file}, or null when there is none. */
    static RunSummary read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return RecordFiles.json().readValue(file.toFile(), new TypeReference<RunSummary>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": not a spotsim run summary: " + e.getMessage(), e);
        }
    }

    /** Adds {@code more} to what this build's earlier executions wrote to {@code file} (an older build's summary is replaced). */
    static RunSummary append(Path file, Instant buildStartedAt, List<Entry> more) {
        RunSummary earlier = read(file);
        List<Entry> all = new ArrayList<>();
        if (earlier != null && buildStartedAt.equals(earlier.buildStartedAt())) {
            all.addAll(earlier.runs());
        }
        all.addAll(more);
        RunSummary summary = new RunSummary(buildStartedAt, all);
        try {
            Files.createDirectories(file.getParent());
            RecordFiles.atomically(file, RecordFiles.json().writeValueAsString(summary));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return summary;
    }
}
