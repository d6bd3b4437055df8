package dev.spotsim.reports.render.html;

import dev.spotsim.reports.record.SecondSample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-second samples grouped into at most a chart's width of buckets, so an hour-long run
 * draws as few points as a two-minute one. A bucket keeps what a reader looks for: the lowest
 * healthy capacity, the request rate, every failure and the worst latency of its seconds.
 */
public final class Buckets {
    /** Enough points for a 1,100-pixel plot; one per second for runs up to ten minutes. */
    public static final int MAX_BUCKETS = 600;

    private Buckets() {
    }

    /**
     * Seconds {@code [from, to)} summarised: {@code samples} is how many seconds had a sample;
     * latency is the worst second's percentile and NaN when no request finished; the phase is the first second's.
     */
    public record Bucket(long from, long to, int samples, long requests, long failures, Map<String, Long> failuresByCause,
                         double p50Millis, double p95Millis, double p99Millis, int minHealthy, int desired, String phase) {
        /** Requests finished per second over the bucket's sampled seconds. */
        public double requestsPerSecond() {
            return samples == 0 ? 0 : requests / (double) samples;
        }

        /** Failed requests as a percentage of all; NaN when there were no requests (no rate to speak of). */
        public double failurePercent() {
            return requests == 0 ? Double.NaN : failures * 100.0 / requests;
        }

        /** The share of all requests that failed with {@code cause}, in percent. */
        public double failurePercent(String cause) {
            return requests == 0 ? 0 : failuresByCause.getOrDefault(cause, 0L) * 100.0 / requests;
        }

        public double middle() {
            return (from + to) / 2.0;
        }
    }

    /** The samples sorted by second (the record keeps them in order; a hand-written one may not). */
    public static List<SecondSample> inOrder(List<SecondSample> seconds) {
        List<SecondSample> sorted = new ArrayList<>(seconds);
        sorted.sort(Comparator.comparingLong(SecondSample::second));
        return sorted;
    }

    /** Seconds per bucket for a run whose samples reach {@code lastSecond}: 1 up to {@link #MAX_BUCKETS} seconds. */
    public static long width(long lastSecond) {
        return Math.max(1, (lastSecond + MAX_BUCKETS) / MAX_BUCKETS);
    }

    /** Groups {@code seconds} into buckets of {@link #width} seconds; seconds without a sample make no bucket. */
    public static List<Bucket> of(List<SecondSample> seconds) {
        List<SecondSample> sorted = inOrder(seconds);
        if (sorted.isEmpty()) {
            return List.of();
        }
        long width = width(sorted.get(sorted.size() - 1).second());
        List<Bucket> buckets = new ArrayList<>();
        List<SecondSample> group = new ArrayList<>();
        long groupIndex = Long.MIN_VALUE;
        for (SecondSample s : sorted) {
            long index = Math.floorDiv(s.second(), width);
            if (index != groupIndex && !group.isEmpty()) {
                buckets.add(summarise(group, groupIndex * width, width));
                group.clear();
            }
            groupIndex = index;
            group.add(s);
        }
        buckets.add(summarise(group, groupIndex * width, width));
        return buckets;
    }

    private static Bucket summarise(List<SecondSample> group, long from, long width) {
        long requests = 0;
        long failures = 0;
        Map<String, Long> byCause = new TreeMap<>();
        double p50 = Double.NaN;
        double p95 = Double.NaN;
        double p99 = Double.NaN;
        int minHealthy = Integer.MAX_VALUE;
        int desired = 0;
        for (SecondSample s : group) {
            requests += s.requests();
            failures += s.failures();
            s.failuresByCause().forEach((cause, n) -> byCause.merge(cause, (long) n, Long::sum));
            if (s.requests() > 0) {
                // Latency of a second without requests is not zero, it is unknown: leave a gap.
                p50 = worst(p50, s.p50Millis());
                p95 = worst(p95, s.p95Millis());
                p99 = worst(p99, s.p99Millis());
            }
            minHealthy = Math.min(minHealthy, s.healthyCapacity());
            desired = Math.max(desired, s.desiredCapacity());
        }
        return new Bucket(from, from + width, group.size(), requests, failures, byCause, p50, p95, p99, minHealthy, desired,
                group.get(0).phase());
    }

    private static double worst(double sofar, double v) {
        return Double.isNaN(sofar) ? v : Math.max(sofar, v);
    }
}
