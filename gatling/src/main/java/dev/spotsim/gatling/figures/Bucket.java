package dev.spotsim.gatling.figures;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** Requests summed into one window while recording or merging; one lock per bucket, as Gatling's threads record concurrently. */
final class Bucket {
    private long requests;
    private long failures;
    private final Map<String, Long> failuresByCause = new TreeMap<>();
    private final Histogram latencies = Latencies.empty();

    synchronized void add(long latencyMicros, String failureCause) {
        requests++;
        if (failureCause != null) {
            failures++;
            failuresByCause.merge(failureCause, 1L, Long::sum);
        }
        latencies.recordValue(Math.max(0, latencyMicros));
    }

    synchronized void add(Window w) {
        requests += w.requests();
        failures += w.failures();
        w.failuresByCause().forEach((cause, n) -> failuresByCause.merge(cause, n, Long::sum));
        latencies.add(Latencies.decode(w.histogram()));
    }

    synchronized void addTo(Bucket sum) {
        synchronized (sum) {
            sum.requests += requests;
            sum.failures += failures;
            failuresByCause.forEach((cause, n) -> sum.failuresByCause.merge(cause, n, Long::sum));
            sum.latencies.add(latencies);
        }
    }

    synchronized Window window(Instant start, int seconds) {
        return new Window(start, seconds, requests, failures, failuresByCause, Latencies.percentileMillis(latencies, 50),
                Latencies.percentileMillis(latencies, 95), Latencies.percentileMillis(latencies, 99), Latencies.maxMillis(latencies),
                Latencies.encode(latencies));
    }

    synchronized long requests() {
        return requests;
    }

    synchronized long failures() {
        return failures;
    }

    synchronized Map<String, Long> failuresByCause() {
        return new TreeMap<>(failuresByCause);
    }

    synchronized String histogram() {
        return Latencies.encode(latencies);
    }
}
