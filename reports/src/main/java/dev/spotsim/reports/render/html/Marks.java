package dev.spotsim.reports.render.html;

import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.record.SecondSample;
import dev.spotsim.reports.record.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What every chart overlays: the instants of rebalance recommendations, notices and actions, and the phase bands. */
public final class Marks {
    /** The timeline kinds drawn as vertical lines on every chart, in legend order. */
    public static final List<String> MARKED_KINDS = List.of("rebalance", "notice", "action");

    /** The phases that get a shaded band, in legend order ("steady" stays unshaded). */
    public static final List<String> SHADED_PHASES = List.of("interrupted", "recovering");

    private Marks() {
    }

    /** One vertical line: a timeline entry placed at {@code second} seconds after the run started. */
    public record Marker(double second, String kind, String instanceId, String detail) {
        /** The tooltip: what happened, where, when. */
        public String title() {
            return kind + (instanceId == null ? "" : " " + instanceId) + " at " + Html.offset(second)
                    + (detail == null || detail.isBlank() ? "" : ": " + detail);
        }
    }

    /** A stretch of run seconds {@code [from, to)} belonging to one phase. */
    public record Band(double from, double to, String phase) {
    }

    /** Seconds from the run's start to {@code at}, with millisecond precision. */
    public static double secondsSince(Instant start, Instant at) {
        return Duration.between(start, at).toMillis() / 1000.0;
    }

    /** The rebalance, notice and action entries of the run's timeline, in time order. */
    public static List<Marker> markers(RunRecord run) {
        Set<String> kinds = Set.copyOf(MARKED_KINDS);
        List<Marker> markers = new ArrayList<>();
        for (TimelineEntry e : run.timeline()) {
            if (e.at() != null && kinds.contains(e.kind())) {
                markers.add(new Marker(secondsSince(run.startedAt(), e.at()), e.kind(), e.instanceId(), e.detail()));
            }
        }
        markers.sort((a, b) -> Double.compare(a.second(), b.second()));
        return markers;
    }

    /** Consecutive seconds of one phase merged into bands; a gap in the seconds ends a band. */
    public static List<Band> bands(List<SecondSample> seconds) {
        List<Band> bands = new ArrayList<>();
        Band open = null;
        for (SecondSample s : Buckets.inOrder(seconds)) {
            String phase = s.phase() == null ? "" : s.phase();
            if (open != null && open.phase().equals(phase) && open.to() == s.second()) {
                open = new Band(open.from(), s.second() + 1, phase);
            } else {
                if (open != null) {
                    bands.add(open);
                }
                open = new Band(s.second(), s.second() + 1, phase);
            }
        }
        if (open != null) {
            bands.add(open);
        }
        return bands;
    }

    /**
     * The run's length in seconds for the time axis: the wall-clock duration, stretched to cover
     * every sample and every marked instant so nothing falls off the right edge.
     */
    public static double span(RunRecord run) {
        double span = run.endedAt() == null ? 0 : secondsSince(run.startedAt(), run.endedAt());
        if (!run.seconds().isEmpty()) {
            span = Math.max(span, run.seconds().get(run.seconds().size() - 1).second() + 1);
        }
        for (TimelineEntry e : run.timeline()) {
            if (e.at() != null) {
                span = Math.max(span, secondsSince(run.startedAt(), e.at()));
            }
        }
        return Math.max(span, 1);
    }
}
