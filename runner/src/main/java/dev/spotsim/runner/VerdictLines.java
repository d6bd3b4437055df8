package dev.spotsim.runner;

import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.record.SloResult;
import java.util.List;
import java.util.Locale;

/** A run's verdict in words, as the Maven build log and a failed scenario test show it. */
public final class VerdictLines {
    private VerdictLines() {
    }

    /** "PASS: every SLO holds", "FAIL: 1 SLO(s) broken", "NO VERDICT: the workload never became healthy ...". */
    public static String verdict(RunRecord record) {
        return switch (record.exitCode()) {
            case 0 -> "PASS: every SLO holds";
            case 130, 143 -> "STOPPED (" + (record.exitCode() == 130 ? "Ctrl-C" : "SIGTERM") + "), no verdict: what was measured is in the record";
            case 2 -> "FAIL: " + SloResult.failedSummary(record.slos());
            default -> "NO VERDICT: " + (record.error() != null ? record.error() : "the run ended " + record.outcome());
        };
    }

    /** One line per SLO: "BROKEN  drainTime.p95 = 3.2s, expected < 1s". */
    public static List<String> slos(RunRecord record) {
        return record.slos().stream().map(VerdictLines::slo).toList();
    }

    /** Only the SLOs that did not hold (broken or without data). */
    public static List<String> failedSlos(RunRecord record) {
        return record.slos().stream().filter(s -> !s.holds()).map(VerdictLines::slo).toList();
    }

    private static String slo(SloResult slo) {
        return String.format(Locale.ROOT, "%-8s", slo.holds() ? "ok" : slo.verdictWord().toUpperCase(Locale.ROOT)) + slo.message();
    }
}
