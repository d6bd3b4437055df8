package dev.spotsim.junit;

import dev.spotsim.reports.record.Measures;
import dev.spotsim.reports.record.Outcome;
import dev.spotsim.reports.record.PhaseStats;
import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.record.SloResult;
import dev.spotsim.reports.record.TimelineEntry;
import dev.spotsim.reports.record.Verdict;
import dev.spotsim.reports.record.WorkloadDrain;
import dev.spotsim.runner.VerdictLines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * A finished scenario run, read through the same record types {@code run.json} is written from: the verdict, each
 * SLO's result, each workload's drain, the request figures per phase, and where the run's files are.
 *
 * @param record the run's record, as written to {@code runDir/run.json}
 * @param runDir the run's directory (run.json, report.html, summary.md, junit.xml, events.jsonl, logs/)
 */
public record ScenarioResult(RunRecord record, Path runDir) {
    public ScenarioResult {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(runDir, "runDir");
    }

    /** PASS (every SLO holds), FAIL (one is broken) or NO_VERDICT (the run did not finish). */
    public Verdict verdict() {
        return record.verdict();
    }

    /** 0, 2 or 1, as {@code spotsim run} exits. */
    public int exitCode() {
        return record.exitCode();
    }

    /** Every SLO holds. */
    public boolean passed() {
        return verdict() == Verdict.PASS;
    }

    /** How the run ended: completed, interrupted, error. */
    public Outcome outcome() {
        return record.outcomeKind();
    }

    /** Why the run reached no verdict, or null. */
    public String error() {
        return record.error();
    }

    public List<SloResult> slos() {
        return record.slos();
    }

    /**
     * The result of the SLO written as {@code key} in the scenario ("drainTime.p95", "failedRequests.count@interrupted").
     *
     * @throws IllegalArgumentException when the scenario has no such SLO, listing the ones it has
     */
    public SloResult slo(String key) {
        return slos().stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no SLO \"" + key + "\" in scenario " + record.scenario() + "; its SLOs: "
                        + slos().stream().map(SloResult::key).collect(Collectors.joining(", "))));
    }

    /** The SLOs that did not hold (broken, or nothing measured). */
    public List<SloResult> failedSlos() {
        return slos().stream().filter(s -> !s.holds()).toList();
    }

    /** What happened to each workload that was interrupted: notice, detection, deregistration, SIGTERM, exit or kill. */
    public List<WorkloadDrain> drains() {
        return record.workloads();
    }

    /** The drain of one workload ("task-003"). */
    public WorkloadDrain drain(String workloadId) {
        return drains().stream().filter(d -> d.workloadId().equals(workloadId)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no workload \"" + workloadId + "\" was interrupted; these were: "
                        + drains().stream().map(WorkloadDrain::workloadId).collect(Collectors.joining(", "))));
    }

    /** Notice to exit of every workload that drained (killed ones have none). */
    public List<Duration> drainTimes() {
        return measures().drainTimes();
    }

    /** What the SLO gate judged; null when the run stopped before measuring. */
    public Measures measures() {
        return record.measures();
    }

    /** Requests and latency per phase: "steady", "interrupted", "recovering". */
    public Map<String, PhaseStats> phases() {
        return measures() == null ? Map.of() : measures().phases();
    }

    /** One phase's figures; an empty one when the run had no such phase. */
    public PhaseStats phase(String name) {
        return phases().getOrDefault(name, PhaseStats.empty());
    }

    public List<TimelineEntry> timeline() {
        return record.timeline();
    }

    /** The self-contained HTML report. */
    public Path report() {
        return runDir.resolve("report.html");
    }

    /** The verdict, the SLOs that did not hold, and the report: what a failed test should say. */
    public String describe() {
        List<String> lines = new ArrayList<>();
        lines.add(record.scenario() + ": " + VerdictLines.verdict(record));
        VerdictLines.failedSlos(record).forEach(l -> lines.add("  " + l));
        lines.add("report: " + report().toAbsolutePath());
        return String.join("\n", lines);
    }

    /** Fails (an {@link AssertionFailedError} with {@link #describe()}) unless every SLO holds. */
    public ScenarioResult assertPassed() {
        if (!passed()) {
            throw new AssertionFailedError(describe());
        }
        return this;
    }
}
