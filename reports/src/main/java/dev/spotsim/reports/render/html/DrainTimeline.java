package dev.spotsim.reports.render.html;

import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.record.WorkloadDrain;
import dev.spotsim.reports.render.html.Marks.Marker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One row per interrupted workload: notice, deregistration, SIGTERM and exit (or kill) as bars on a
 * time axis zoomed to the interruptions, with the instance's rebalance and action instants drawn in
 * its row. The drain time (or the kill) is written at the end of the row.
 */
public final class DrainTimeline {
    static final double WIDTH = TimeChart.WIDTH;
    static final double PLOT_LEFT = 240;
    static final double PLOT_RIGHT = 960;
    static final double AXIS = 26;
    static final double ROW = 38;

    private final RunRecord run;

    public DrainTimeline(RunRecord run) {
        this.run = run;
    }

    /** One step of a drain, in the order they happen. */
    private record Step(double second, String name, String cssClass) {
    }

    /** The figure, or a sentence saying that no workload went through an interruption. */
    public String render() {
        List<WorkloadDrain> rows = new ArrayList<>(run.workloads());
        if (rows.isEmpty()) {
            return "<p class=\"empty\">No workload went through an interruption in this run.</p>\n";
        }
        rows.sort(Comparator.comparing((WorkloadDrain w) -> w.notice() == null ? Instant.MAX : w.notice())
                .thenComparing(w -> String.valueOf(w.workloadId())));
        List<Marker> marks = Marks.markers(run);
        Scale x = window(rows, marks);
        Svg svg = new Svg(WIDTH, AXIS + rows.size() * ROW + 6, "drains", "Drain timeline of " + rows.size() + " workload(s)");
        for (double t : x.timeTicks(10)) {
            svg.line(x.at(t), AXIS - 4, x.at(t), AXIS + rows.size() * ROW, "grid", null);
            svg.text(x.at(t), AXIS - 8, "middle", "tick", "t+" + Scale.timeLabel(t, Marks.span(run)));
        }
        for (int i = 0; i < rows.size(); i++) {
            row(svg, x, marks, rows.get(i), AXIS + i * ROW);
        }
        return "<figure class=\"drain-panel\">\n<figcaption><span class=\"legend\">" + legend() + "</span></figcaption>\n"
                + svg.finish() + "</figure>\n";
    }

    /** The time window that holds every step of every row (and their instances' actions), padded a little. */
    private Scale window(List<WorkloadDrain> rows, List<Marker> marks) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (WorkloadDrain w : rows) {
            for (Step s : steps(w)) {
                min = Math.min(min, s.second());
                max = Math.max(max, s.second());
            }
            for (Marker m : instanceMarks(marks, w)) {
                min = Math.min(min, m.second());
                max = Math.max(max, m.second());
            }
        }
        if (min > max) {
            min = 0;
            max = Marks.span(run);
        }
        double pad = Math.max(2, (max - min) * 0.06);
        return new Scale(Math.max(0, min - pad), max + pad, PLOT_LEFT, PLOT_RIGHT);
    }

    private void row(Svg svg, Scale x, List<Marker> marks, WorkloadDrain w, double top) {
        double mid = top + ROW / 2;
        svg.group("drain-row" + (w.wasKilled() ? " killed" : ""), "data-workload=\"" + Html.esc(w.workloadId()) + "\"");
        svg.text(8, mid - 2, "start", "row-title", w.workloadId());
        svg.text(8, mid + 12, "start", "row-sub", (w.instanceId() == null ? "" : w.instanceId()) + (w.lane() == null ? "" : " · " + w.lane()));
        svg.line(PLOT_LEFT, mid, PLOT_RIGHT, mid, "track", null);
        for (Marker m : instanceMarks(marks, w)) {
            svg.line(x.at(m.second()), top + 4, x.at(m.second()), top + ROW - 4, "marker marker-" + Html.token(m.kind()), null);
            svg.line(x.at(m.second()), top + 4, x.at(m.second()), top + ROW - 4, "marker-hit", m.title());
        }
        List<Step> steps = steps(w);
        for (int i = 0; i + 1 < steps.size(); i++) {
            Step from = steps.get(i);
            Step to = steps.get(i + 1);
            String cls = to.cssClass().equals("kill") ? "seg seg-killed" : "seg seg-" + from.cssClass();
            double width = x.at(to.second()) - x.at(from.second());
            String took = Html.num(to.second() - from.second(), 1) + " s";
            svg.rect(x.at(from.second()), mid - 7, width, 14, cls, from.name() + " → " + to.name() + ": " + took);
            if (width > 44) {
                svg.text(x.at(from.second()) + width / 2, mid + 4, "middle", "seg-label" + (to.cssClass().equals("kill") ? " on-red" : ""), took);
            }
        }
        for (Step s : steps) {
            point(svg, x.at(s.second()), mid, s, w);
        }
        if (w.detected() != null) {
            double d = Marks.secondsSince(run.startedAt(), w.detected());
            svg.circle(x.at(d), mid - 11, 2.5, "detected", "detected at " + Html.offset(d));
        }
        svg.text(PLOT_RIGHT + 14, mid + 4, "start", "row-result" + (w.wasKilled() ? " killed" : ""), outcome(w));
        svg.endGroup();
    }

    private void point(Svg svg, double at, double mid, Step s, WorkloadDrain w) {
        String title = s.name() + " at " + Html.offset(s.second()) + (s.cssClass().equals("exit") && w.exitCode() != null
                ? " (exit code " + w.exitCode() + ")" : "");
        switch (s.cssClass()) {
            case "exit" -> svg.circle(at, mid, 5, "pt pt-exit", title);
            case "kill" -> {
                svg.line(at - 5, mid - 5, at + 5, mid + 5, "pt-kill", title);
                svg.line(at - 5, mid + 5, at + 5, mid - 5, "pt-kill", title);
            }
            default -> svg.line(at, mid - 9, at, mid + 9, "pt pt-" + s.cssClass(), title);
        }
    }

    /** The drain time, or the kill and how long after the notice it came. */
    static String outcome(WorkloadDrain w) {
        if (w.wasKilled()) {
            String after = w.notice() == null ? "" : " " + Html.duration(java.time.Duration.between(w.notice(), w.killed())) + " after notice";
            return "KILLED" + after;
        }
        if (w.drainTime() != null) {
            return "drained in " + Html.duration(w.drainTime()) + (w.exitCode() == null ? "" : ", exit " + w.exitCode());
        }
        if (w.notice() == null) {
            return "no notice";
        }
        return w.exited() == null ? "still running at the end" : "exited, exit " + w.exitCode();
    }

    private List<Step> steps(WorkloadDrain w) {
        List<Step> steps = new ArrayList<>();
        add(steps, w.notice(), "notice", "notice");
        add(steps, w.deregistered(), "deregistered", "deregistered");
        add(steps, w.sigterm(), "SIGTERM", "sigterm");
        if (w.killed() != null) {
            add(steps, w.killed(), "killed", "kill");
        } else {
            add(steps, w.exited(), "exit", "exit");
        }
        steps.sort(Comparator.comparingDouble(Step::second));
        return steps;
    }

    private void add(List<Step> steps, Instant at, String name, String cssClass) {
        if (at != null) {
            steps.add(new Step(Marks.secondsSince(run.startedAt(), at), name, cssClass));
        }
    }

    private static List<Marker> instanceMarks(List<Marker> marks, WorkloadDrain w) {
        return marks.stream().filter(m -> m.instanceId() != null && m.instanceId().equals(w.instanceId())).toList();
    }

    private static String legend() {
        return Legend.box("seg seg-notice", "noticed, serving") + Legend.box("seg seg-deregistered", "deregistered, draining")
                + Legend.box("seg seg-sigterm", "SIGTERM, shutting down") + Legend.box("seg seg-killed", "killed")
                + Legend.marker("rebalance", "rebalance") + Legend.marker("action", "instance action");
    }
}
