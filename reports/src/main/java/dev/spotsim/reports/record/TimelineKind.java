package dev.spotsim.reports.record;

import java.util.Arrays;

/**
 * What a timeline entry marks: one vocabulary for local runs, game days and reports ({@code run.json}
 * keeps the wire name). The simulator's platform timeline (its own {@code TimelineEntry}: the simulator
 * cannot import reports) uses these wire names too; a local run renames its two older words
 * ({@code killed} to {@link #KILL}, {@code task-started} to {@link #TASK_START}).
 */
public enum TimelineKind {
    // Instance and interruption, everywhere.
    REBALANCE("rebalance"), NOTICE("notice"), ACTION("action"), LAUNCH("launch"), STATE("state"), GONE("gone"), RECOVERED("recovered"),
    // A local run's own steps.
    LOAD_START("load-start"), LOAD_END("load-end"), LOAD_FAILED("load-failed"), STEP("step"), RECLAIM("reclaim"),
    RECOVERY_GAVE_UP("recovery-gave-up"), RUN_END("run-end"),
    // What the platform does to tasks (simulated), or what the drain reads saw (game day).
    TASK_START("task-start"), TASK_FAILED("task-failed"), TERMINATING("terminating"), TERMINATING_UNHANDLED("terminating-unhandled"),
    NOTICE_IGNORED("notice-ignored"), NOTICE_UNHANDLED("notice-unhandled"), CORDONED("cordoned"), DRAINING("draining"),
    DEREGISTERED("deregistered"), PRESTOP("prestop"), SIGTERM("sigterm"), SIGKILL("sigkill"), EXIT("exit"), KILL("kill"),
    DRAIN_GAVE_UP("drain-gave-up"), REPLACEMENT_NOT_HEALTHY("replacement-not-healthy"), LIFECYCLE("lifecycle"),
    // A game day's own steps.
    LOAD("load"), COMMAND("command"), EXPERIMENT("experiment"), GUARD("guard"), CLEANUP("cleanup"), DRAIN("drain"),
    /** A word this version does not know (a newer record, or a platform word not listed yet). */
    OTHER("other");

    private final String wireName;

    TimelineKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The kind a wire name stands for; {@link #OTHER} for one not listed. */
    public static TimelineKind of(String wireName) {
        return Arrays.stream(values()).filter(k -> k != OTHER && k.wireName.equals(wireName)).findFirst().orElse(OTHER);
    }
}
