package dev.spotsim.runner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's phases in time. "interrupted" runs from an interruption's first signal (rebalance
 * recommendation or notice) to its action; "recovering" from the action until healthy capacity is
 * back to desired; everything else is "steady". Interrupted wins where windows overlap.
 */
final class Phases {
    static final String STEADY = "steady";
    static final String INTERRUPTED = "interrupted";
    static final String RECOVERING = "recovering";

    /** One window; {@code to} null means still open. */
    record Window(Instant from, Instant to, String phase) {
        boolean covers(Instant t) {
            return !t.isBefore(from) && (to == null || t.isBefore(to));
        }
    }

    private final List<Window> windows = new ArrayList<>();

    synchronized void interrupted(Instant from, Instant to) {
        windows.add(new Window(from, to, INTERRUPTED));
    }

    synchronized void recovering(Instant from, Instant to) {
        windows.add(new Window(from, to, RECOVERING));
    }

    /** The phase at {@code t}. */
    synchronized String at(Instant t) {
        String phase = STEADY;
        for (Window w : windows) {
            if (w.covers(t)) {
                if (w.phase().equals(INTERRUPTED)) {
                    return INTERRUPTED;
                }
                phase = RECOVERING;
            }
        }
        return phase;
    }

    /** The phase of a stretch of time: interrupted if any of it is, else recovering if any of it is, else steady. */
    synchronized String during(Instant from, Instant to) {
        String phase = STEADY;
        for (Window w : windows) {
            boolean overlaps = w.from().isBefore(to) && (w.to() == null || w.to().isAfter(from));
            if (overlaps && w.phase().equals(INTERRUPTED)) {
                return INTERRUPTED;
            }
            if (overlaps) {
                phase = RECOVERING;
            }
        }
        return phase;
    }

    synchronized List<Window> windows() {
        return List.copyOf(windows);
    }
}
