package dev.spotsim.reports.render;

import static dev.spotsim.reports.render.html.Html.esc;

import dev.spotsim.reports.compare.RunComparison;
import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.render.html.BaselineTable;
import dev.spotsim.reports.render.html.Charts;
import dev.spotsim.reports.render.html.CursorData;
import dev.spotsim.reports.render.html.DrainTimeline;
import dev.spotsim.reports.render.html.Html;
import dev.spotsim.reports.render.html.Legend;
import dev.spotsim.reports.render.html.Marks;
import dev.spotsim.reports.render.html.Tables;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code report.html}: one self-contained page (inline CSS, inline SVG drawn here, a few lines of
 * optional hover script; nothing fetched from a network) with the verdict, the SLOs, four aligned
 * charts with the interruption instants marked, the workloads' drains, and the event timeline.
 */
public final class HtmlReport {
    private static final String CSS = Html.resource("report.css");
    private static final String SCRIPT = Html.resource("report.js");

    private HtmlReport() {
    }

    public static String render(RunRecord run) {
        return render(run, null);
    }

    /** The report, with the run beside {@code baseline} (an earlier run's figures) when one is given. */
    public static String render(RunRecord run, RunComparison baseline) {
        Charts charts = new Charts(run);
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc("spotsim · " + run.scenario() + " · " + verdict(run))).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        header(html, run);
        html.append(Tables.figures(run.measures()));
        section(html, "slos", "SLOs", Tables.slos(run.slos()));
        if (baseline != null) {
            long worse = baseline.regressions().size();
            section(html, "baseline", "Against the baseline (" + (worse == 0 ? "nothing worse" : worse + " worse") + ")",
                    BaselineTable.render(baseline));
        }
        section(html, "charts", "Over time", overlayLegend(run) + charts.render());
        section(html, "drains", "Workload drains", new DrainTimeline(run).render());
        section(html, "phases", "Requests by phase", Tables.phases(run.measures()));
        section(html, "events", "Events (" + run.timeline().size() + ")", "<div class=\"scroll\">\n" + Tables.events(run) + "</div>\n");
        html.append("<footer>spotsim report · ").append(esc(run.runId())).append(" · times are UTC; t+ is seconds since the run started</footer>\n")
                .append("</main>\n").append(CursorData.element(charts.buckets(), charts.span()))
                .append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    /** The headline word: PASS, SLO BROKEN or NO VERDICT, from the run's exit code. */
    public static String verdict(RunRecord run) {
        return switch (run.exitCode()) {
            case 0 -> "PASS";
            case 2 -> "SLO BROKEN";
            default -> "NO VERDICT";
        };
    }

    private static void header(StringBuilder html, RunRecord run) {
        String tone = switch (run.exitCode()) {
            case 0 -> "pass";
            case 2 -> "broken";
            default -> "noverdict";
        };
        long broken = run.slos().stream().filter(r -> !r.holds()).count();
        String because = switch (run.exitCode()) {
            case 0 -> run.slos().isEmpty() ? "no SLO to break" : "all " + run.slos().size() + " SLOs hold";
            case 2 -> broken + " of " + run.slos().size() + " SLOs broken";
            default -> "the run could not produce a verdict";
        };
        html.append("<header class=\"run ").append(tone).append("\">\n<div class=\"verdict\">").append(verdict(run)).append("</div>\n<div>")
                .append("<h1>").append(esc(run.scenario())).append(" <span class=\"sub\">").append(esc(because)).append("</span></h1>\n")
                .append("<div class=\"run-meta\">");
        meta(html, "run", run.runId());
        meta(html, "seed", Long.toString(run.seed()));
        meta(html, "target", run.target());
        meta(html, "started", Html.stamp(run.startedAt()));
        meta(html, "duration", duration(run));
        meta(html, "outcome", run.outcome());
        html.append("</div>\n</div>\n</header>\n");
        if ("interrupted".equals(run.outcome())) {
            html.append("<div class=\"banner partial\"><b>Partial run.</b> It was interrupted after ").append(esc(duration(run)))
                    .append(" and before its planned end: the figures below cover only what was recorded until then.</div>\n");
        }
        if (run.error() != null && !run.error().isBlank()) {
            html.append("<div class=\"banner error\"><b>Error:</b> ").append(esc(run.error())).append("</div>\n");
        }
    }

    private static void meta(StringBuilder html, String name, String value) {
        html.append("<span>").append(esc(name)).append(" <b>").append(esc(value == null ? "–" : value)).append("</b></span>");
    }

    private static String duration(RunRecord run) {
        if (run.startedAt() == null || run.endedAt() == null) {
            return "–";
        }
        Duration d = Duration.between(run.startedAt(), run.endedAt());
        return Html.duration(d.compareTo(Duration.ofSeconds(1)) < 0 ? d : d.truncatedTo(ChronoUnit.SECONDS));
    }

    /** What the charts overlay, with how many of each the run had: a legend for nothing says "0", not silence. */
    private static String overlayLegend(RunRecord run) {
        Map<String, Long> counts = Marks.markers(run).stream().collect(Collectors.groupingBy(Marks.Marker::kind, Collectors.counting()));
        StringBuilder legend = new StringBuilder("<div class=\"overlay-legend\"><span class=\"legend\">");
        Map<String, String> names = Map.of("rebalance", "rebalance recommendation", "notice", "interruption notice", "action",
                "interruption action");
        for (String kind : Marks.MARKED_KINDS) {
            legend.append(Legend.marker(kind, names.get(kind) + " (" + counts.getOrDefault(kind, 0L) + ")"));
        }
        legend.append("</span><span class=\"legend\">");
        for (String phase : Marks.SHADED_PHASES) {
            legend.append(Legend.box("band-" + phase, "phase: " + phase));
        }
        return legend.append("</span></div>\n").toString();
    }

    private static void section(StringBuilder html, String id, String title, String body) {
        html.append("<section id=\"").append(id).append("\">\n<h2>").append(esc(title)).append("</h2>\n").append(body).append("</section>\n");
    }
}
