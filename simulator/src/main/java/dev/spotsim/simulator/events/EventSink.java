package dev.spotsim.simulator.events;

import java.util.Map;

/** Where events go after the journal: a webhook, a file, stdout, a live stream, a command. */
public interface EventSink extends AutoCloseable {
    String name();

    /** Takes the event; must not block the caller (slow work runs on the sink's own thread). */
    void deliver(Event event);

    /** Delivery figures for the control API and the run record. */
    Map<String, Object> stats();

    @Override
    void close();
}
