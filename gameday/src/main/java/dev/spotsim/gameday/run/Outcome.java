package dev.spotsim.gameday.run;

/** How a game day ended. */
public enum Outcome {
    /** Every step played, capacity watched until it recovered (or the recovery bound passed), load finished. */
    COMPLETED("completed"),
    /** A stop condition broke: experiments stopped, load cancelled. */
    STOPPED("stopped"),
    /** Ctrl-C (or another stop request): experiments stopped, load cancelled. */
    INTERRUPTED("interrupted"),
    /** The run went past the plan's deadline. */
    DEADLINE("deadline"),
    /** An AWS call failed, or an experiment failed. */
    ERROR("error");

    private final String wireName;

    Outcome(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
