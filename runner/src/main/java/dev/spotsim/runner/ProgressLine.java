package dev.spotsim.runner;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/** The line a run prints while it works: elapsed, phase, healthy capacity, requests/s, errors, interruptions so far. */
public final class ProgressLine {
    private final PrintWriter out;
    private final Duration every;
    /** How often an unchanged "healthy n/m" is repeated while workloads start. */
    private static final Duration STILL_WAITING = Duration.ofSeconds(15);
    private Instant lastPrinted = Instant.EPOCH;
    private int lastHealthy = -1;
    private long lastCount;
    private Instant lastCountAt;

    /** Prints to {@code out} at most once per {@code every}. */
    public ProgressLine(PrintWriter out, Duration every) {
        this.out = out;
        this.every = every;
    }

    static ProgressLine silent() {
        return new ProgressLine(null, Duration.ZERO);
    }

    void starting(int desired, Duration timeout) {
        print("starting the fleet and " + desired + " workload(s); waiting up to " + timeout.toSeconds() + "s for them to be healthy");
    }

    /** While the workloads start: a line when the healthy count changes, else one every {@link #STILL_WAITING} to show life. */
    void startingTick(int healthy, int desired) {
        Instant now = Instant.now();
        boolean changed = healthy != lastHealthy;
        if (changed || Duration.between(lastPrinted, now).compareTo(STILL_WAITING.compareTo(every) > 0 ? STILL_WAITING : every) >= 0) {
            lastPrinted = now;
            lastHealthy = healthy;
            print("  healthy " + healthy + "/" + desired);
        }
    }

    /** Something the user must hear of at once (a workload that crashed). */
    void note(String line) {
        print(line);
    }

    void step(int index, String description) {
        print("interruptions[" + index + "]: " + description);
    }

    synchronized void tick(Instant now, Instant loadStart, String phase, int healthy, int desired, RequestLog requests, int played, int steps) {
        if (Duration.between(lastPrinted, now).compareTo(every) < 0) {
            return;
        }
        long count = requests.count();
        double rate = lastCountAt == null ? 0 : (count - lastCount) * 1000.0 / Math.max(1, Duration.between(lastCountAt, now).toMillis());
        lastCount = count;
        lastCountAt = now;
        lastPrinted = now;
        long failures = requests.failures();
        print(String.format(java.util.Locale.ROOT, "[%4ds] %-11s capacity %d/%d  %6.1f req/s  errors %d (%.2f%%)  interruptions %d/%d",
                Duration.between(loadStart, now).toSeconds(), phase, healthy, desired, rate, failures,
                count == 0 ? 0.0 : failures * 100.0 / count, played, steps));
    }

    private void print(String line) {
        if (out != null) {
            out.println(line);
            out.flush();
        }
    }
}
