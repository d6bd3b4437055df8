package dev.spotsim.gatling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;

/**
 * Aggregates finished requests into wall-clock seconds, by the second each request finished in
 * (when its answer or its failure was known): count, failures by cause, latency percentiles of the
 * successful ones. Thread-safe; percentiles come from per-second HdrHistograms, so spans of several
 * seconds ({@link #over}) get exact merged percentiles rather than averages of percentiles.
 */
public final class PerSecondRecorder implements RequestListener {
    private final ConcurrentSkipListMap<Long, Bucket> buckets = new ConcurrentSkipListMap<>();
    private final Map<String, LongAdder> requestsByName = new ConcurrentHashMap<>();

    @Override
    public void onRequest(RequestOutcome outcome) {
        buckets.computeIfAbsent(outcome.end().getEpochSecond(), second -> new Bucket()).add(outcome);
        requestsByName.computeIfAbsent(outcome.name(), name -> new LongAdder()).increment();
    }

    /**
     * One row per second from the origin's second to the last second with a request, empty seconds
     * included; requests that finished before the origin's second are left out.
     */
    public List<SecondFigures> seconds(Instant origin) {
        long first = origin.getEpochSecond();
        if (buckets.isEmpty() || buckets.lastKey() < first) {
            return List.of();
        }
        List<SecondFigures> rows = new ArrayList<>();
        for (long second = first; second <= buckets.lastKey(); second++) {
            Bucket bucket = buckets.get(second);
            Figures figures = bucket == null ? Figures.NONE : Bucket.merged(List.of(bucket)).figures();
            rows.add(new SecondFigures(second - first, Instant.ofEpochSecond(second), figures));
        }
        return rows;
    }

    /** Figures of the requests that finished in the whole seconds covering [from, to). */
    public Figures over(Instant from, Instant to) {
        long last = to.minusNanos(1).getEpochSecond();
        if (last < from.getEpochSecond()) {
            return Figures.NONE;
        }
        return Bucket.merged(buckets.subMap(from.getEpochSecond(), true, last, true).values()).figures();
    }

    /** Figures of every request recorded so far. */
    public Figures total() {
        return Bucket.merged(buckets.values()).figures();
    }

    /** How many requests finished, by request name, sorted by name. */
    public NavigableMap<String, Long> requestsByName() {
        NavigableMap<String, Long> counts = new TreeMap<>();
        requestsByName.forEach((name, count) -> counts.put(name, count.sum()));
        return counts;
    }

    /** One second's requests; guarded by its own lock since Gatling's event loops record concurrently. */
    private static final class Bucket {
        private long requests;
        private long failures;
        private final Map<String, Long> failuresByCause = new TreeMap<>();
        // Latencies of successful requests in milliseconds (Gatling's precision); auto-resizing,
        // 3 significant digits: exact below 2048 ms, within 0.1% above.
        private final Histogram okLatencies = new Histogram(3);

        synchronized void add(RequestOutcome outcome) {
            requests++;
            if (outcome.failed()) {
                failures++;
                failuresByCause.merge(outcome.failureCause(), 1L, Long::sum);
            } else {
                okLatencies.recordValue(Math.max(0, outcome.latency().toMillis()));
            }
        }

        synchronized void addTo(Bucket sum) {
            sum.requests += requests;
            sum.failures += failures;
            failuresByCause.forEach((cause, count) -> sum.failuresByCause.merge(cause, count, Long::sum));
            sum.okLatencies.add(okLatencies);
        }

        static Bucket merged(Iterable<Bucket> buckets) {
            Bucket sum = new Bucket();
            buckets.forEach(bucket -> bucket.addTo(sum));
            return sum;
        }

        Figures figures() {
            if (okLatencies.getTotalCount() == 0) {
                return new Figures(requests, failures, failuresByCause, null, null, null);
            }
            return new Figures(requests, failures, failuresByCause, percentile(50), percentile(95), percentile(99));
        }

        private Duration percentile(double percentile) {
            return Duration.ofMillis(okLatencies.lowestEquivalentValue(okLatencies.getValueAtPercentile(percentile)));
        }
    }
}
