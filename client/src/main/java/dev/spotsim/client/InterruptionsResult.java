package dev.spotsim.client;

import java.util.List;

/** What {@code POST interruptions} did: interrupted the picked instances now, or scheduled the pick for later. */
public sealed interface InterruptionsResult {
    /** Done now: the interruptions planned. */
    record Now(int interrupted, List<Interruption> interruptions) implements InterruptionsResult {
        public Now {
            interruptions = interruptions == null ? List.of() : List.copyOf(interruptions);
        }
    }

    /** Scheduled: the instances are picked when it is due. */
    record Later(ScheduledInterruption scheduled) implements InterruptionsResult {
    }
}
