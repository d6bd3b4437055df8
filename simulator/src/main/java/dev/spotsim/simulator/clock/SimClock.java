package dev.spotsim.simulator.clock;

import java.time.Instant;

/** The one clock every schedule in the simulator runs on; tests inject a {@link ManualClock}. */
public interface SimClock {
    /** The current simulated time (UTC). */
    Instant now();

    /** Runs {@code task} once the clock reaches {@code at} (at once if {@code at} has passed). */
    Scheduled schedule(Instant at, Runnable task);

    /** A task waiting for its time. */
    interface Scheduled {
        /** Cancels the task; returns false when it already ran or was cancelled. */
        boolean cancel();
    }
}
