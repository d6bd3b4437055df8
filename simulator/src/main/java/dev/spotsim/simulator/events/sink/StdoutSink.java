package dev.spotsim.simulator.events.sink;

import dev.spotsim.simulator.events.Event;
import dev.spotsim.simulator.events.EventSink;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Prints each matching event as one line of JSON. */
public final class StdoutSink implements EventSink {
    private final String name;
    private final PrintStream out;
    private final AtomicLong written = new AtomicLong();

    public StdoutSink(String name, PrintStream out) {
        this.name = name;
        this.out = out;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(Event event) {
        synchronized (out) {
            out.println(event.toJsonLine());
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
