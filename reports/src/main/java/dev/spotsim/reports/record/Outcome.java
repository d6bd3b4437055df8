package dev.spotsim.reports.record;

import java.util.Arrays;

/** How a run or a game day ended ({@code run.json}'s {@code outcome} holds the wire name). */
public enum Outcome {
    /** Played to its end: the schedule, the load, and recovery watched (or its bound passed). */
    COMPLETED("completed"),
    /** A game day's stop condition broke: experiments stopped, load cancelled; the SLO gate still judges. */
    STOPPED("stopped"),
    /** Ctrl-C (or another stop request): what was measured so far, no verdict. */
    INTERRUPTED("interrupted"),
    /** A game day went past its plan's deadline. */
    DEADLINE("deadline"),
    /** Something failed before a verdict (a workload that never got healthy, an AWS error, a failed experiment). */
    ERROR("error");

    private final String wireName;

    Outcome(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether the SLO gate may judge a run that ended this way. */
    public boolean reachesVerdict() {
        return this == COMPLETED || this == STOPPED;
    }

    public static Outcome of(String wireName) {
        return Arrays.stream(values()).filter(o -> o.wireName.equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("outcome: expected one of completed, stopped, interrupted, deadline, error, got \""
                        + wireName + "\""));
    }
}
