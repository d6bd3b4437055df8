package dev.spotsim.reports.record;

import java.time.Instant;

/**
 * One instant worth marking on a run's or a game day's timeline: a rebalance recommendation, a notice,
 * an action, a launch, a deregistration, a SIGTERM, an exit or a kill, an experiment, a command...
 * {@code kind} is a {@link TimelineKind}'s wire name (so run.json keeps its words); {@code instanceId} may be null.
 */
public record TimelineEntry(Instant at, String kind, String instanceId, String detail) {
    public TimelineEntry(Instant at, TimelineKind kind, String instanceId, String detail) {
        this(at, kind.wireName(), instanceId, detail);
    }

    /** The kind as the shared vocabulary ({@link TimelineKind#OTHER} for a word it does not list). */
    public TimelineKind timelineKind() {
        return TimelineKind.of(kind);
    }
}
