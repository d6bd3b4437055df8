package dev.spotsim.gameday.run;

import dev.spotsim.gameday.drain.DrainObserver;
import dev.spotsim.gameday.events.EventQueue;
import dev.spotsim.reports.record.TimelineEntry;
import dev.spotsim.reports.record.TimelineKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A run's event queue from start to end: created when the run starts (or, when that fails, the run goes on with
 * polled times and says why), read at each poll into the timeline at the events' own times, the warnings and
 * terminate lifecycle actions timing the drain, and deleted at the end.
 */
final class RunEvents {
    private final Supplier<EventQueue> factory;
    private final Consumer<TimelineEntry> timeline;
    private EventQueue queue;
    private final List<String> problems = new ArrayList<>();

    /** {@code factory}: creates the queue (null: no queue). */
    RunEvents(Supplier<EventQueue> factory, Consumer<TimelineEntry> timeline) {
        this.factory = factory;
        this.timeline = timeline;
    }

    void open(Instant now) {
        if (factory == null) {
            return;
        }
        try {
            queue = factory.get();
            timeline.accept(new TimelineEntry(now, TimelineKind.DRAIN, null, "SQS queue and EventBridge rule " + queue.name()
                    + " created: exact notice and lifecycle times"));
        } catch (RuntimeException e) {
            timeline.accept(new TimelineEntry(now, TimelineKind.DRAIN, null, "no event queue (" + e.getMessage()
                    + "): notice and lifecycle times at poll resolution"));
        }
    }

    /**
     * Reads what arrived; keeps the events of instances EC2 polling knows ({@code stateOf} not null: the rule sees the
     * whole region). A failed read ends the queue (deleted at once), the run goes on with polled times.
     */
    void read(Instant now, Function<String, String> stateOf, DrainObserver drain) {
        if (queue == null) {
            return;
        }
        List<EventQueue.Event> arrived;
        try {
            arrived = queue.poll();
        } catch (RuntimeException e) {
            timeline.accept(new TimelineEntry(now, TimelineKind.DRAIN, null, "event queue read failed, polled times only from now: " + e.getMessage()));
            close(now);
            return;
        }
        for (EventQueue.Event e : arrived) {
            if (stateOf.apply(e.instanceId()) != null) {
                record(e, drain);
            }
        }
    }

    private void record(EventQueue.Event e, DrainObserver drain) {
        TimelineKind kind = switch (e.detailType()) {
            case "EC2 Spot Instance Interruption Warning" -> TimelineKind.NOTICE;
            case "EC2 Instance Rebalance Recommendation" -> TimelineKind.REBALANCE;
            case "EC2 Instance State-change Notification" -> TimelineKind.STATE;
            default -> TimelineKind.LIFECYCLE;
        };
        String what = kind == TimelineKind.STATE ? "state " + e.detail().path("state").asText() : e.detailType();
        timeline.accept(new TimelineEntry(e.time(), kind, e.instanceId(), what + " (EventBridge)"));
        if (drain != null && kind == TimelineKind.NOTICE) {
            drain.noticeAt(e.instanceId(), e.time());
        } else if (drain != null && e.detailType().equals("EC2 Instance-terminate Lifecycle Action")) {
            drain.lifecycleAt(e.instanceId(), e.time());
        }
    }

    /** Deletes the queue and its rule (once); returns every deletion that failed, each also in the timeline. */
    List<String> close(Instant now) {
        if (queue != null) {
            List<String> failed = queue.delete();
            queue = null;
            failed.forEach(p -> timeline.accept(new TimelineEntry(now, TimelineKind.CLEANUP, null, p)));
            problems.addAll(failed);
        }
        return List.copyOf(problems);
    }
}
