package dev.spotsim.reports.render.html;

import dev.spotsim.reports.render.html.Marks.Band;
import dev.spotsim.reports.render.html.Marks.Marker;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * One time-series chart over the run's seconds. Every chart shares the same width and margins, so
 * the same second sits at the same x in all of them: a reader can follow a notice down the page.
 * Callers draw their series between construction and {@link #finish}, which puts the markers on top.
 */
public final class TimeChart {
    public static final double WIDTH = 1200;
    /** Room for the y-axis labels; the plot starts here in every chart. */
    public static final double LEFT = 64;
    public static final double RIGHT = 20;
    public static final double TOP = 8;
    public static final double PLOT_HEIGHT = 140;
    public static final double HEIGHT = TOP + PLOT_HEIGHT + 22;

    private final Svg svg;
    private final Scale x;
    private final Scale y;

    /**
     * Draws the frame: the plot area, the phase bands, the y gridlines labelled by {@code yLabel}
     * from 0 to {@code yMax}, and the time axis from 0 to {@code spanSeconds}.
     */
    public TimeChart(String name, String label, double spanSeconds, double yMax, DoubleFunction<String> yLabel, List<Band> bands) {
        this.x = timeScale(spanSeconds);
        this.y = new Scale(0, yMax, TOP + PLOT_HEIGHT, TOP);
        this.svg = new Svg(WIDTH, HEIGHT, "chart chart-" + name, label);
        svg.rect(LEFT, TOP, WIDTH - LEFT - RIGHT, PLOT_HEIGHT, "plot", null);
        for (Band b : bands) {
            if (Marks.SHADED_PHASES.contains(b.phase())) {
                svg.rect(x.at(b.from()), TOP, x.at(b.to()) - x.at(b.from()), PLOT_HEIGHT, "band band-" + Html.token(b.phase()),
                        b.phase() + " " + Html.offset(b.from()) + " to " + Html.offset(b.to()));
            }
        }
        for (double v : y.ticks(4)) {
            svg.line(LEFT, y.at(v), WIDTH - RIGHT, y.at(v), v == 0 ? "axis" : "grid", null);
            svg.text(LEFT - 6, y.at(v) + 4, "end", "tick", yLabel.apply(v));
        }
        for (double t : x.timeTicks(12)) {
            svg.line(x.at(t), TOP + PLOT_HEIGHT, x.at(t), TOP + PLOT_HEIGHT + 4, "axis", null);
            // The last label would overhang the right edge if centred on its tick.
            boolean atEdge = x.at(t) > WIDTH - RIGHT - 20;
            svg.text(atEdge ? WIDTH - 2 : x.at(t), TOP + PLOT_HEIGHT + 16, atEdge ? "end" : "middle", "tick",
                    Scale.timeLabel(t, spanSeconds));
        }
    }

    /** The time axis every chart and the cursor script share: run seconds onto the plot's width. */
    public static Scale timeScale(double spanSeconds) {
        return new Scale(0, spanSeconds, LEFT, WIDTH - RIGHT);
    }

    public Scale x() {
        return x;
    }

    public Scale y() {
        return y;
    }

    public Svg svg() {
        return svg;
    }

    /** The y of {@code v}, held inside the plot so an outlier draws along the top edge rather than over the title. */
    public double yAt(double v) {
        return Double.isNaN(v) ? Double.NaN : Math.max(TOP, y.at(v));
    }

    /** Names the shaded bands inside their top-left corner (the first chart does, so the others need not). */
    public TimeChart labelBands(List<Band> bands) {
        for (Band b : bands) {
            // A label wider than its band would spill over the next one: short bands stay unlabelled.
            if (Marks.SHADED_PHASES.contains(b.phase()) && x.at(b.to()) - x.at(b.from()) > 7.5 * b.phase().length()) {
                svg.text(x.at(b.from()) + 5, TOP + 13, "start", "band-label band-label-" + Html.token(b.phase()), b.phase());
            }
        }
        return this;
    }

    /** A centred message in the plot, for a chart with nothing to show ("no requests: the scenario has no load"). */
    public TimeChart note(String text) {
        svg.text(LEFT + (WIDTH - LEFT - RIGHT) / 2, TOP + PLOT_HEIGHT / 2 + 4, "middle", "note", text);
        return this;
    }

    /** Draws the markers over the series and closes the chart. */
    public String finish(List<Marker> markers) {
        svg.group("markers", "");
        for (Marker m : markers) {
            double at = x.at(m.second());
            svg.line(at, TOP, at, TOP + PLOT_HEIGHT, "marker marker-" + Html.token(m.kind()), null);
            // A wide transparent twin under the pointer, so the tooltip does not need pixel aim.
            svg.line(at, TOP, at, TOP + PLOT_HEIGHT, "marker-hit", m.title());
        }
        svg.endGroup();
        // Hidden until the cursor script moves it; without script the chart is complete as it is.
        svg.line(LEFT, TOP, LEFT, TOP + PLOT_HEIGHT, "cursor", null);
        return svg.finish();
    }
}
