package dev.spotsim.reports.render.html;

import static dev.spotsim.reports.render.html.Html.esc;

import dev.spotsim.reports.compare.Metric;
import dev.spotsim.reports.compare.RunComparison;
import java.util.Locale;

/** The run beside its baseline: the figures {@code spotsim compare} prints, with the worse ones marked. */
public final class BaselineTable {
    private BaselineTable() {
    }

    /** One row per metric: baseline, this run, change, and a pill for a regression or an improvement beyond the threshold. */
    public static String render(RunComparison c) {
        StringBuilder t = new StringBuilder("<p class=\"note\">Baseline <b>").append(esc(c.baselineRun()))
                .append("</b>; a metric worse by more than ").append(esc(Metric.format(Metric.Unit.PERCENT, c.thresholdPercent())))
                .append(" (and its noise floor) is marked worse.</p>\n")
                .append("<table class=\"baseline\">\n<thead><tr><th>metric</th><th>baseline</th><th>this run</th><th>change</th>"
                        + "<th></th></tr></thead>\n<tbody>\n");
        for (Metric m : c.metrics()) {
            boolean worse = m.regressed(c.thresholdPercent());
            boolean better = !worse && m.improved(c.thresholdPercent());
            double change = m.changePercent();
            String changeText = Double.isNaN(change) || Double.isInfinite(change) ? (m.baseline() == m.current() ? "=" : "–")
                    : String.format(Locale.ROOT, "%+.1f%%", change);
            t.append("<tr class=\"").append(worse ? "broken" : "holds").append("\"><td><code>").append(esc(m.key()))
                    .append("</code></td><td class=\"num\">").append(esc(Metric.format(m.unit(), m.baseline())))
                    .append("</td><td class=\"num\">").append(esc(Metric.format(m.unit(), m.current())))
                    .append("</td><td class=\"num\">").append(esc(changeText)).append("</td><td>")
                    .append(worse ? "<span class=\"pill bad\">worse</span>" : better ? "<span class=\"pill ok\">better</span>" : "")
                    .append("</td></tr>\n");
        }
        return t.append("</tbody>\n</table>\n").toString();
    }

    /** The same comparison as Markdown for summary.md (a CI job summary). */
    public static String markdown(RunComparison c) {
        StringBuilder md = new StringBuilder("\n## Against the baseline (").append(c.baselineRun()).append(")\n\n")
                .append("| metric | baseline | this run | change | |\n|---|---:|---:|---:|---|\n");
        for (Metric m : c.metrics()) {
            double change = m.changePercent();
            String changeText = Double.isNaN(change) || Double.isInfinite(change) ? (m.baseline() == m.current() ? "=" : "–")
                    : String.format(Locale.ROOT, "%+.1f%%", change);
            boolean worse = m.regressed(c.thresholdPercent());
            md.append("| `").append(m.key()).append("` | ").append(Metric.format(m.unit(), m.baseline())).append(" | ")
                    .append(Metric.format(m.unit(), m.current())).append(" | ").append(changeText).append(" | ")
                    .append(worse ? "**worse**" : m.improved(c.thresholdPercent()) ? "better" : "").append(" |\n");
        }
        return md.toString();
    }
}
