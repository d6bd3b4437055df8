package dev.spotsim.simulator.events.sink;

import dev.spotsim.simulator.events.Event;
import dev.spotsim.simulator.events.EventJournal;
import dev.spotsim.simulator.events.EventSink;
import dev.spotsim.simulator.events.pattern.EventPattern;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Appends the events its pattern matches to a JSONL file of their own, one flushed line each. */
public final class JsonlFileSink implements EventSink {
    private final String name;
    private final EventJournal file;
    private final EventPattern pattern;
    private final AtomicLong written = new AtomicLong();

    /** @param pattern which events to write (null: all) */
    public JsonlFileSink(String name, Path path, EventPattern pattern) {
        this.name = name;
        this.file = new EventJournal(path);
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
        file.appendLine(jsonLine);
        written.incrementAndGet();
    }

    @Override
    public Map<String, Object> stats() {
        return Map.of("type", "file", "path", file.file().toString(), "delivered", written.get());
    }

    @Override
    public void close() {
        file.close();
    }
}
