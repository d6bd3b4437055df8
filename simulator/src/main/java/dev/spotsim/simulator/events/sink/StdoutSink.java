package dev.spotsim.simulator.events.sink;

import dev.spotsim.simulator.events.Event;
import dev.spotsim.simulator.events.EventSink;
import dev.spotsim.simulator.events.pattern.EventPattern;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Prints each event its pattern matches as one line of JSON. */
public final class StdoutSink implements EventSink {
    private final String name;
    private final PrintStream out;
    private final EventPattern pattern;
    private final AtomicLong written = new AtomicLong();

    /** @param out usually System.out; the sink flushes it but never closes it */
    public StdoutSink(String name, PrintStream out, EventPattern pattern) {
        this.name = name;
        this.out = out;
        this.pattern = pattern == null ? EventPattern.any() : pattern;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public EventPattern pattern() {
        return pattern;
    }

    @Override
    public void deliver(Event event) {
        deliver(event, event.toJsonLine());
    }

    @Override
    public void deliver(Event event, String jsonLine) {
        synchronized (out) {
            out.println(jsonLine);
            out.flush();
        }
        written.incrementAndGet();
    }

    @Override
    public Map<String, Object> stats() {
        return Map.of("type", "stdout", "delivered", written.get());
    }

    @Override
    public void close() {
        out.flush();
    }
}
