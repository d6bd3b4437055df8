package dev.spotsim.reports.render;

import dev.spotsim.reports.record.Measures;
import dev.spotsim.reports.record.PhaseStats;
import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.record.SloResult;
import dev.spotsim.scenarios.time.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** {@code summary.md}: the verdict, the SLO table and the phase figures, short enough for a PR comment. */
public final class MarkdownSummary {
    private MarkdownSummary() {
    }

    public static String render(RunRecord run) {
        StringBuilder md = new StringBuilder();
        String verdict = switch (run.exitCode()) {
            case 0 -> "PASSED: every SLO holds";
            case 2 -> "FAILED: " + SloResult.failedSummary(run.slos());
            default -> "NO VERDICT: " + (run.error() == null ? "the run did not finish" : run.error());
        };
        md.append("## spotsim: ").append(run.scenario()).append(" — ").append(verdict).append("\n\n");
        md.append("Run `").append(run.runId()).append("`, seed ").append(run.seed()).append(", target ").append(run.target())
                .append(", ").append(Durations.format(Duration.between(run.startedAt(), run.endedAt()).withNanos(0)))
                .append(run.outcome().equals("completed") ? "" : " (" + run.outcome() + ")").append(".\n\n");
        if (!run.slos().isEmpty()) {
            md.append("| SLO | expected | measured | |\n|---|---|---|---|\n");
            for (SloResult r : run.slos()) {
                md.append("| `").append(r.key()).append("` | ").append(r.condition()).append(" | ").append(r.measuredText())
                        .append(" | ").append(r.holds() ? "ok" : "**" + r.verdictWord() + "**").append(" |\n");
            }
            md.append('\n');
        }
        Measures m = run.measures();
        if (m != null) {
            md.append("| phase | requests | failed | p50 | p95 | p99 |\n|---|---|---|---|---|---|\n");
            for (String phase : new String[] {"steady", "interrupted", "recovering"}) {
                PhaseStats s = m.phases().get(phase);
                if (s != null && s.requests() > 0) {
                    row(md, phase, s);
                }
            }
            row(md, "total", m.total());
            md.append("\nWorkloads killed: ").append(m.killedWorkloads()).append(". Drained: ").append(m.drainTimes().size())
                    .append(". Recovery: ").append(m.recoveryTime() == null ? "not within the bound" : Durations.format(m.recoveryTime().withNanos(0)))
                    .append(". Lowest healthy capacity: ").append(m.minHealthyCapacity()).append(" of ").append(m.desiredCapacity()).append(".\n");
        }
        List<String> undrained = undrained(run);
        if (!undrained.isEmpty()) {
            md.append("\nWhy workloads did not drain:\n\n");
            undrained.forEach(line -> md.append("- ").append(line).append('\n'));
        }
        return md.toString();
    }

    /** How many workloads' explanations a summary lists at most. */
    private static final int MOST_EXPLAINED = 10;

    /**
     * One line per workload that did not drain, in the record's plain words ("task-0001 (i-...): exit 137 at its 30s
     * deadline: PID 1 did not exit on SIGTERM; ..."), at most ten; for the summary and the terminal.
     */
    public static List<String> undrained(RunRecord run) {
        if (run.workloads() == null) {
            return List.of();
        }
        return run.workloads().stream().filter(w -> w.explanation() != null).limit(MOST_EXPLAINED)
                .map(w -> w.workloadId() + " (" + w.instanceId() + "): " + w.explanation()).toList();
    }

    private static void row(StringBuilder md, String name, PhaseStats s) {
        md.append("| ").append(name).append(" | ").append(s.requests()).append(" | ").append(s.failures())
                .append(String.format(Locale.ROOT, " (%.2f%%)", s.failurePercent())).append(" | ")
                .append(ms(s.p50Millis())).append(" | ").append(ms(s.p95Millis())).append(" | ").append(ms(s.p99Millis())).append(" |\n");
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.1f ms", v);
    }
}
