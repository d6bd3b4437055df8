package dev.spotsim.reports.record;

/** One SLO's verdict: what was measured, against what, and a sentence for people. */
public record SloResult(String key, String condition, double measured, String measuredText, boolean holds, String message) {

    /** True when nothing was measured: such an SLO neither holds nor is shown as passing. */
    public boolean noData() {
        return Double.isNaN(measured);
    }

    /** What did not hold, for a verdict line: "2 SLO(s) broken", "1 SLO(s) broken, 1 with no data". */
    public static String failedSummary(java.util.List<SloResult> results) {
        long noData = results.stream().filter(SloResult::noData).count();
        long broken = results.stream().filter(r -> !r.holds() && !r.noData()).count();
        return broken + " SLO(s) broken" + (noData == 0 ? "" : ", " + noData + " with no data");
    }

    /** The word every renderer shows for this verdict: "ok", "no data" or "broken". */
    public String verdictWord() {
        return holds ? "ok" : noData() ? "no data" : "broken";
    }
}
