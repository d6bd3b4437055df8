package dev.spotsim.reports.render.html;

import static dev.spotsim.reports.render.html.Html.esc;

import dev.spotsim.reports.record.Measures;
import dev.spotsim.reports.record.PhaseStats;
import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.record.SloResult;
import dev.spotsim.reports.record.TimelineEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The report's tables: SLO verdicts, key figures, request figures per phase and the event timeline. */
public final class Tables {
    /** Phases in the order a run goes through them; other names follow alphabetically. */
    static final List<String> PHASE_ORDER = List.of("steady", "interrupted", "recovering");

    private Tables() {
    }

    /** A headline figure; {@code tone} is "", "ok", "warn" or "bad". */
    private record Card(String label, String value, String sub, String tone) {
    }

    /** One row per SLO: key, condition, measured value, and whether it holds (the sentence as a tooltip). */
    public static String slos(List<SloResult> slos) {
        if (slos.isEmpty()) {
            return "<p class=\"empty\">The scenario defines no SLOs, or the run ended before they were evaluated.</p>\n";
        }
        StringBuilder t = new StringBuilder("<table class=\"slos\">\n<thead><tr><th>SLO</th><th>condition</th><th>measured</th>"
                + "<th>verdict</th></tr></thead>\n<tbody>\n");
        for (SloResult r : slos) {
            t.append("<tr class=\"").append(r.holds() ? "holds" : r.noData() ? "nodata" : "broken").append("\" title=\"").append(esc(r.message())).append("\">")
                    .append("<td><code>").append(esc(r.key())).append("</code></td><td>").append(esc(r.condition()))
                    .append("</td><td class=\"num\">").append(esc(r.measuredText())).append("</td><td>")
                    .append(r.holds() ? "<span class=\"pill ok\">holds</span>"
                            : r.noData() ? "<span class=\"pill warn\">no data</span>" : "<span class=\"pill bad\">broken</span>")
                    .append("</td></tr>\n");
        }
        return t.append("</tbody>\n</table>\n").toString();
    }

    /** The figures the SLO gate reads, each in a small card. */
    public static String figures(Measures m) {
        if (m == null) {
            return "";
        }
        List<Card> cards = List.of(
                new Card("drained", Integer.toString(m.drainTimes().size()),
                        m.drainTimes().isEmpty() ? "no workload exited after a notice" : "longest drain " + Html.duration(max(m.drainTimes())), ""),
                new Card("killed", Integer.toString(m.killedWorkloads()), "workloads still running at the action",
                        m.killedWorkloads() > 0 ? "bad" : "ok"),
                new Card("detection", m.detectionLatencies().isEmpty() ? "–" : Html.duration(max(m.detectionLatencies())),
                        "slowest notice detection", ""),
                new Card("recovery", m.recoveryTime() == null ? "never" : Html.duration(m.recoveryTime()), "until healthy capacity was back",
                        m.recoveryTime() == null ? "bad" : ""),
                new Card("lowest capacity", m.minHealthyCapacity() + " / " + m.desiredCapacity(), "healthy of desired",
                        m.minHealthyCapacity() < m.desiredCapacity() ? "warn" : ""),
                new Card("failed requests", Html.num(m.total().failurePercent(), 2) + "%",
                        m.total().failures() + " of " + m.total().requests() + " requests", m.total().failures() > 0 ? "warn" : ""));
        StringBuilder html = new StringBuilder("<div class=\"cards\">\n");
        for (Card c : cards) {
            html.append("<div class=\"card").append(c.tone().isEmpty() ? "" : " " + c.tone()).append("\"><div class=\"card-label\">")
                    .append(esc(c.label())).append("</div><div class=\"card-value\">").append(esc(c.value())).append("</div><div class=\"card-sub\">")
                    .append(esc(c.sub())).append("</div></div>\n");
        }
        return html.append("</div>\n").toString();
    }

    /** Requests, failures by cause and latency per phase, then the whole run. */
    public static String phases(Measures m) {
        if (m == null) {
            return "<p class=\"empty\">No request figures: the run ended before they were measured.</p>\n";
        }
        StringBuilder t = new StringBuilder("<table class=\"phases\">\n<thead><tr><th>phase</th><th>duration</th><th>requests</th>"
                + "<th>req/s</th><th>failed</th><th>failed %</th><th>failures by cause</th><th>p50</th><th>p90</th><th>p95</th>"
                + "<th>p99</th><th>max</th><th>mean</th></tr></thead>\n<tbody>\n");
        List<String> names = new ArrayList<>(m.phases().keySet());
        names.sort(Comparator.comparing((String p) -> PHASE_ORDER.contains(p) ? PHASE_ORDER.indexOf(p) : PHASE_ORDER.size())
                .thenComparing(p -> p));
        for (String phase : names) {
            phaseRow(t, phase, m.phases().get(phase), "");
        }
        phaseRow(t, "total", m.total(), "total");
        return t.append("</tbody>\n</table>\n").toString();
    }

    private static void phaseRow(StringBuilder t, String name, PhaseStats s, String cssClass) {
        if (s == null) {
            return;
        }
        String rate = s.durationSeconds() > 0 ? Html.num(s.requests() / s.durationSeconds(), 1) : "–";
        String causes = s.failuresByCause().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
        boolean noRequests = s.requests() == 0;
        t.append("<tr class=\"").append(cssClass).append(s.failures() > 0 ? " has-failures" : "").append("\"><td>")
                .append("<span class=\"phase-dot phase-").append(Html.token(name)).append("\"></span>").append(esc(name))
                .append("</td><td class=\"num\">").append(Html.duration(Duration.ofMillis(Math.round(s.durationSeconds() * 1000))))
                .append("</td><td class=\"num\">").append(s.requests()).append("</td><td class=\"num\">").append(rate)
                .append("</td><td class=\"num\">").append(s.failures()).append("</td><td class=\"num\">")
                .append(noRequests ? "–" : Html.num(s.failurePercent(), 2) + "%").append("</td><td>").append(esc(causes.isEmpty() ? "–" : causes))
                .append("</td>");
        for (double v : new double[] {s.p50Millis(), s.p90Millis(), s.p95Millis(), s.p99Millis(), s.maxMillis(), s.meanMillis()}) {
            t.append("<td class=\"num\">").append(noRequests ? "–" : Html.ms(v)).append("</td>");
        }
        t.append("</tr>\n");
    }

    /** Every timeline entry in time order: offset from the start, UTC time, kind, instance and detail. */
    public static String events(RunRecord run) {
        if (run.timeline().isEmpty()) {
            return "<p class=\"empty\">No events were recorded.</p>\n";
        }
        List<TimelineEntry> entries = new ArrayList<>(run.timeline());
        entries.sort(Comparator.comparing(TimelineEntry::at, Comparator.nullsLast(Comparator.naturalOrder())));
        StringBuilder t = new StringBuilder("<table class=\"events\">\n<thead><tr><th>time</th><th>UTC</th><th>event</th><th>instance</th>"
                + "<th>detail</th></tr></thead>\n<tbody>\n");
        for (TimelineEntry e : entries) {
            t.append("<tr class=\"kind-").append(Html.token(e.kind())).append("\"><td class=\"num\">")
                    .append(e.at() == null ? "–" : Html.offset(Marks.secondsSince(run.startedAt(), e.at()))).append("</td><td class=\"num\">")
                    .append(Html.clock(e.at())).append("</td><td><span class=\"kind kind-").append(Html.token(e.kind())).append("\">")
                    .append(esc(e.kind())).append("</span></td><td><code>").append(esc(e.instanceId())).append("</code></td><td>")
                    .append(esc(e.detail())).append("</td></tr>\n");
        }
        return t.append("</tbody>\n</table>\n").toString();
    }

    private static Duration max(List<Duration> durations) {
        return durations.stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    }
}
