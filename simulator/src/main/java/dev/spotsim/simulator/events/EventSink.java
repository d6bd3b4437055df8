package dev.spotsim.simulator.events;

import dev.spotsim.simulator.events.pattern.EventPattern;
import java.util.Map;

/**
 * Where events go after the journal: a webhook, a file, stdout, a live stream, a command. Each sink
 * has a name and takes the events its pattern matches.
 */
public interface EventSink extends AutoCloseable {
    String name();

    /** Which events this sink takes, like an EventBridge rule's pattern; {@link EventPattern#any()} for all. */
    default EventPattern pattern() {
        return EventPattern.any();
    }

    /**
     * Takes one matching event. Called in publishing order, under the bus's lock: it must not block
     * (slow work runs on the sink's own thread or context).
     */
    void deliver(Event event);

    /**
     * Takes one matching event with {@code jsonLine}, its {@link Event#toJsonLine()} as the bus made it
     * once for the journal and every sink; same rules as {@link #deliver(Event)}. Sinks that send or
     * write the JSON override this so an event is serialized once, not once per sink and attempt.
     */
    default void deliver(Event event, String jsonLine) {
        deliver(event);
    }

    /** Delivery figures for the control API and the run record. */
    Map<String, Object> stats();

    @Override
    void close();
}
