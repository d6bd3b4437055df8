package dev.spotsim.gatling.figures;

import dev.spotsim.gatling.RequestListener;
import dev.spotsim.gatling.RequestOutcome;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Records every finished request into the second it started in (as a local run's seconds count), for
 * {@code spotsim load}'s figures. Thread-safe; {@link #sofar()} may be read while the load runs.
 */
public final class FiguresRecorder implements RequestListener {
    private final ConcurrentSkipListMap<Long, Bucket> seconds = new ConcurrentSkipListMap<>();

    @Override
    public void onRequest(RequestOutcome outcome) {
        seconds.computeIfAbsent(outcome.start().getEpochSecond(), s -> new Bucket())
                .add(outcome.latency().toNanos() / 1000, outcome.failureCause());
    }

    /** Requests and failures so far, for live guards. */
    public long[] sofar() {
        long requests = 0;
        long failures = 0;
        for (Bucket b : seconds.values()) {
            requests += b.requests();
            failures += b.failures();
        }
        return new long[] {requests, failures};
    }

    /**
     * The figures: one window per second from the first request's second to the last's, empty seconds
     * included. {@code startedAt} is used when no request was made.
     */
    public LoadFigures figures(URI target, Instant startedAt, Instant endedAt) {
        List<Window> windows = new ArrayList<>();
        Bucket total = new Bucket();
        if (!seconds.isEmpty()) {
            for (long s = seconds.firstKey(); s <= seconds.lastKey(); s++) {
                Bucket b = seconds.getOrDefault(s, new Bucket());
                windows.add(b.window(Instant.ofEpochSecond(s), 1));
                b.addTo(total);
            }
        }
        Instant first = seconds.isEmpty() ? startedAt : Instant.ofEpochSecond(seconds.firstKey());
        return new LoadFigures(LoadFigures.FORMAT, target.toString(), first, endedAt, 1, 1, total.requests(), total.failures(),
                total.failuresByCause(), windows, total.histogram());
    }

    /** For tests and callers that record outside Gatling. */
    public void record(Instant start, long latencyMicros, String failureCause) {
        seconds.computeIfAbsent(start.getEpochSecond(), s -> new Bucket()).add(latencyMicros, failureCause);
    }

    Map<Long, Bucket> buckets() {
        return seconds;
    }
}
