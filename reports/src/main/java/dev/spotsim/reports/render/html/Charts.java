package dev.spotsim.reports.render.html;

import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.render.html.Buckets.Bucket;
import dev.spotsim.reports.render.html.Marks.Band;
import dev.spotsim.reports.render.html.Marks.Marker;
import dev.spotsim.reports.render.html.Svg.PathData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The four aligned charts of a run: healthy capacity against desired, requests per second, the
 * error rate split by failure cause, and latency percentiles; each with the same markers and bands.
 */
public final class Charts {
    /** Failure causes get a colour each, in order of how many failures they caused; the rest share the last. */
    static final int CAUSE_COLOURS = 6;
    /** Failures the record counted without a cause. */
    static final String UNATTRIBUTED = "other";

    private final List<Bucket> buckets;
    private final List<Band> bands;
    private final List<Marker> markers;
    private final double span;
    private final boolean anyRequests;

    public Charts(RunRecord run) {
        this.buckets = Buckets.of(run.seconds());
        this.bands = Marks.bands(run.seconds());
        this.markers = Marks.markers(run);
        this.span = Marks.span(run);
        this.anyRequests = buckets.stream().anyMatch(b -> b.requests() > 0);
    }

    /** All four charts as HTML figures, in page order. */
    public String render() {
        return capacity() + requests() + errors() + latency();
    }

    /** Buckets drawn, for the cursor script's data. */
    public List<Bucket> buckets() {
        return buckets;
    }

    public double span() {
        return span;
    }

    String capacity() {
        int top = buckets.stream().mapToInt(b -> Math.max(b.desired(), b.minHealthy())).max().orElse(0);
        TimeChart c = new TimeChart("capacity", "Healthy capacity against desired capacity", span, Scale.niceMax(top + 1, 4, 4),
                v -> Html.num(v, 2), bands);
        c.labelBands(bands);
        c.svg().path(series(c, b -> b.desired(), true), "series desired", null);
        c.svg().path(series(c, b -> b.minHealthy(), true), "series healthy", null);
        noSamplesNote(c);
        String legend = Legend.line("healthy", "healthy targets") + Legend.line("desired", "desired capacity");
        return figure("capacity", "Healthy capacity", legend, widthNote("lowest healthy count of each"), c.finish(markers));
    }

    String requests() {
        double top = buckets.stream().mapToDouble(Bucket::requestsPerSecond).max().orElse(0);
        TimeChart c = new TimeChart("requests", "Requests per second", span, Scale.niceMax(top * 1.1, 10, 4), v -> Html.num(v, 2), bands);
        c.svg().path(series(c, Bucket::requestsPerSecond, false), "series requests", null);
        if (!buckets.isEmpty() && !anyRequests) {
            c.note("no requests: the scenario had no load");
        }
        noSamplesNote(c);
        return figure("requests", "Requests per second", Legend.line("requests", "requests finished per second"),
                widthNote("mean of each"), c.finish(markers));
    }

    String errors() {
        List<String> causes = causes();
        double top = buckets.stream().mapToDouble(Bucket::failurePercent).filter(v -> !Double.isNaN(v)).max().orElse(0);
        TimeChart c = new TimeChart("errors", "Failed requests in percent, by cause", span, Scale.niceMax(top * 1.1, 1, 4),
                v -> Html.num(v, 2) + "%", bands);
        // One path per cause (a sub-path per bar) rather than a rect per bar: an hour of errors stays tens of KB.
        StringBuilder[] bars = new StringBuilder[causes.size()];
        for (int i = 0; i < bars.length; i++) {
            bars[i] = new StringBuilder();
        }
        for (Bucket b : buckets) {
            double x0 = c.x().at(b.from());
            double width = c.x().at(b.to()) - x0;
            double gap = width > 4 ? 1 : 0;
            double level = 0;
            for (int i = 0; i < causes.size(); i++) {
                double share = causeShare(b, causes.get(i));
                if (share > 0) {
                    double bottom = c.yAt(level);
                    level += share;
                    bars[i].append('M').append(Html.px(x0 + gap / 2)).append(',').append(Html.px(c.yAt(level))).append('h')
                            .append(Html.px(width - gap)).append('V').append(Html.px(bottom)).append('h').append(Html.px(gap - width)).append('Z');
                }
            }
        }
        Map<String, Long> totals = causeTotals();
        for (int i = 0; i < causes.size(); i++) {
            c.svg().path(bars[i].toString(), "bar cause-" + Math.min(i, CAUSE_COLOURS - 1),
                    causes.get(i) + ": " + totals.get(causes.get(i)) + " failed requests");
        }
        if (anyRequests && causes.isEmpty()) {
            c.note("no failed requests");
        } else if (!buckets.isEmpty() && !anyRequests) {
            c.note("no requests: no error rate");
        }
        noSamplesNote(c);
        StringBuilder legend = new StringBuilder();
        for (int i = 0; i < causes.size(); i++) {
            legend.append(Legend.box("cause-" + Math.min(i, CAUSE_COLOURS - 1), causes.get(i) + " (" + totals.get(causes.get(i)) + ")"));
        }
        return figure("errors", "Error rate", legend.toString(), widthNote("failures over requests of each"), c.finish(markers));
    }

    String latency() {
        double top = buckets.stream().mapToDouble(Bucket::p99Millis).filter(v -> !Double.isNaN(v)).max().orElse(0);
        TimeChart c = new TimeChart("latency", "Latency percentiles in milliseconds", span, Scale.niceMax(top * 1.1, 10, 4),
                v -> Html.num(v, 2) + " ms", bands);
        c.svg().path(series(c, Bucket::p50Millis, false), "series p50", null);
        c.svg().path(series(c, Bucket::p95Millis, false), "series p95", null);
        c.svg().path(series(c, Bucket::p99Millis, false), "series p99", null);
        if (!buckets.isEmpty() && !anyRequests) {
            c.note("no requests: no latency");
        }
        noSamplesNote(c);
        String legend = Legend.line("p50", "p50") + Legend.line("p95", "p95") + Legend.line("p99", "p99");
        return figure("latency", "Latency", legend, widthNote("worst second's percentile in each"), c.finish(markers));
    }

    /** Causes by total failures, most first; failures the record left without a cause come last as "other". */
    List<String> causes() {
        Map<String, Long> totals = causeTotals();
        List<String> causes = new ArrayList<>(totals.keySet());
        causes.sort(Comparator.comparing((String k) -> k.equals(UNATTRIBUTED)).thenComparing(k -> -totals.get(k)).thenComparing(k -> k));
        return causes;
    }

    private Map<String, Long> causeTotals() {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (Bucket b : buckets) {
            b.failuresByCause().forEach((k, n) -> totals.merge(k, n, Long::sum));
            long unattributed = unattributed(b);
            if (unattributed > 0) {
                totals.merge(UNATTRIBUTED, unattributed, Long::sum);
            }
        }
        totals.values().removeIf(n -> n == 0);
        return totals;
    }

    private static long unattributed(Bucket b) {
        return Math.max(0, b.failures() - b.failuresByCause().values().stream().mapToLong(Long::longValue).sum());
    }

    private static double causeShare(Bucket b, String cause) {
        if (b.requests() == 0) {
            return 0;
        }
        long n = cause.equals(UNATTRIBUTED) ? unattributed(b) + b.failuresByCause().getOrDefault(cause, 0L)
                : b.failuresByCause().getOrDefault(cause, 0L);
        return n * 100.0 / b.requests();
    }

    /**
     * A series' path: {@code stepped} holds each bucket's level across its width (capacity), otherwise
     * a point at each bucket's middle. A missing bucket is a gap, not a line across it.
     */
    private String series(TimeChart c, ToDoubleFunction<Bucket> value, boolean stepped) {
        PathData d = new PathData();
        long expectedFrom = Long.MIN_VALUE;
        for (Bucket b : buckets) {
            if (b.from() != expectedFrom) {
                d.to(0, Double.NaN);
            }
            double y = c.yAt(value.applyAsDouble(b));
            if (stepped) {
                d.hold(c.x().at(b.from()), c.x().at(b.to()), y);
            } else {
                d.to(c.x().at(b.middle()), y);
            }
            expectedFrom = b.to();
        }
        return d.build();
    }

    private void noSamplesNote(TimeChart c) {
        if (buckets.isEmpty()) {
            c.note("no per-second samples were recorded");
        }
    }

    private String widthNote(String how) {
        long width = buckets.isEmpty() ? 1 : buckets.get(0).to() - buckets.get(0).from();
        return width == 1 ? "" : "one point per " + width + " s (" + how + " " + width + " s)";
    }

    private static String figure(String name, String title, String legend, String note, String svg) {
        return "<figure class=\"chart-panel\" id=\"chart-" + name + "\">\n<figcaption><h3>" + Html.esc(title) + "</h3>"
                + "<span class=\"legend\">" + legend + "</span>"
                + (note.isEmpty() ? "" : "<span class=\"sub\">" + Html.esc(note) + "</span>") + "</figcaption>\n" + svg + "</figure>\n";
    }
}
