package dev.spotsim.reports.record;

/** One SLO's verdict: what was measured, against what, and a sentence for people. */
public record SloResult(String key, String condition, double measured, String measuredText, boolean holds, String message) {
}
