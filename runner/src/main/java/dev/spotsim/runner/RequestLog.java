package dev.spotsim.runner;

import dev.spotsim.reports.record.PhaseStats;
import dev.spotsim.reports.record.SecondSample;
import dev.spotsim.reports.slo.Percentiles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;

/**
 * Every request the load saw, as the client saw it, kept compactly so per-second series and
 * per-phase statistics come from the requests themselves, not from rounding per second.
 */
final class RequestLog {
    /** One finished request: when it started, how long it took, and why it failed (null when it did not). */
    record Entry(long startMillis, int latencyMicros, String failureCause) {
        boolean failed() {
            return failureCause != null;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private long failures;

    synchronized void add(Instant start, Duration latency, String failureCause) {
        entries.add(new Entry(start.toEpochMilli(), (int) Math.min(Integer.MAX_VALUE, latency.toNanos() / 1000), failureCause));
        if (failureCause != null) {
            failures++;
        }
    }

    synchronized long count() {
        return entries.size();
    }

    synchronized long failures() {
        return failures;
    }

    /** Requests started in [from, to). */
    synchronized int countBetween(Instant from, Instant to) {
        long a = from.toEpochMilli();
        long b = to.toEpochMilli();
        int n = 0;
        for (int i = entries.size() - 1; i >= 0; i--) {
            long s = entries.get(i).startMillis();
            if (s >= a && s < b) {
                n++;
            }
        }
        return n;
    }

    /** Statistics of the requests that {@code include} accepts, over {@code seconds} of run time. */
    synchronized PhaseStats stats(Predicate<Entry> include, double seconds) {
        List<Entry> chosen = entries.stream().filter(include).toList();
        if (chosen.isEmpty()) {
            return new PhaseStats(0, 0, Map.of(), 0, 0, 0, 0, 0, 0, seconds);
        }
        double[] millis = chosen.stream().mapToDouble(e -> e.latencyMicros() / 1000.0).sorted().toArray();
        Map<String, Long> byCause = new TreeMap<>();
        chosen.stream().filter(Entry::failed).forEach(e -> byCause.merge(e.failureCause(), 1L, Long::sum));
        long failed = byCause.values().stream().mapToLong(Long::longValue).sum();
        return new PhaseStats(chosen.size(), failed, byCause, percentile(millis, 50), percentile(millis, 90), percentile(millis, 95),
                percentile(millis, 99), millis[millis.length - 1], Arrays.stream(millis).average().orElse(0), seconds);
    }

    /**
     * One row per second from {@code origin} for {@code seconds} seconds: requests by start time,
     * failures by cause, latency percentiles, the capacity and phase the callers give for that second.
     */
    synchronized List<SecondSample> seconds(Instant origin, int seconds, IntUnaryOperator healthyAt, int desired,
                                            Function<Integer, String> phaseOf) {
        List<List<Entry>> buckets = new ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            buckets.add(new ArrayList<>());
        }
        long base = origin.toEpochMilli();
        for (Entry e : entries) {
            long second = Math.floorDiv(e.startMillis() - base, 1000);
            if (second >= 0 && second < seconds) {
                buckets.get((int) second).add(e);
            }
        }
        List<SecondSample> rows = new ArrayList<>(seconds);
        for (int i = 0; i < seconds; i++) {
            List<Entry> b = buckets.get(i);
            double[] millis = b.stream().mapToDouble(e -> e.latencyMicros() / 1000.0).sorted().toArray();
            Map<String, Integer> byCause = new TreeMap<>();
            b.stream().filter(Entry::failed).forEach(e -> byCause.merge(e.failureCause(), 1, Integer::sum));
            int failed = byCause.values().stream().mapToInt(Integer::intValue).sum();
            rows.add(new SecondSample(i, b.size(), failed, byCause, percentile(millis, 50), percentile(millis, 95), percentile(millis, 99),
                    healthyAt.applyAsInt(i), desired, phaseOf.apply(i)));
        }
        return rows;
    }

    private static double percentile(double[] sorted, double p) {
        return Percentiles.nearestRank(sorted, p);
    }
}
