package dev.spotsim.runner;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Healthy capacity over time: polled every {@link #POLL_MILLIS} ms, kept as the instants where it
 * changed, so recovery is measured to a poll, not to a whole second.
 */
final class CapacityWatch implements AutoCloseable {
    static final long POLL_MILLIS = 100;

    /** Capacity {@code healthy} from {@code at} on. */
    record Change(Instant at, int healthy) {
    }

    private final IntSupplier healthy;
    private final Clock clock;
    private final List<Change> changes = new ArrayList<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "spotsim-capacity-watch");
        t.setDaemon(true);
        return t;
    });

    CapacityWatch(IntSupplier healthy, Clock clock) {
        this.healthy = healthy;
        this.clock = clock;
        poll();
        poller.scheduleAtFixedRate(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        int now = healthy.getAsInt();
        synchronized (this) {
            if (changes.isEmpty() || changes.get(changes.size() - 1).healthy() != now) {
                changes.add(new Change(clock.instant(), now));
            }
        }
    }

    synchronized int current() {
        return changes.get(changes.size() - 1).healthy();
    }

    /** Capacity at {@code t} (the first reading before anything was seen). */
    synchronized int at(Instant t) {
        int value = changes.get(0).healthy();
        for (Change c : changes) {
            if (c.at().isAfter(t)) {
                break;
            }
            value = c.healthy();
        }
        return value;
    }

    /** The lowest capacity from {@code from} on. */
    synchronized int minSince(Instant from) {
        int min = at(from);
        for (Change c : changes) {
            if (c.at().isAfter(from)) {
                min = Math.min(min, c.healthy());
            }
        }
        return min;
    }

    /** The first instant at or after {@code from} where capacity is at least {@code wanted}, or null. */
    synchronized Instant firstAtLeast(int wanted, Instant from) {
        if (at(from) >= wanted) {
            return from;
        }
        for (Change c : changes) {
            if (c.at().isAfter(from) && c.healthy() >= wanted) {
                return c.at();
            }
        }
        return null;
    }

    synchronized List<Change> changes() {
        return List.copyOf(changes);
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
