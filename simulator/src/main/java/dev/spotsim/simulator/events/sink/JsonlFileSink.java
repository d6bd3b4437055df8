package dev.spotsim.simulator.events.sink;

import dev.spotsim.simulator.events.Event;
import dev.spotsim.simulator.events.EventJournal;
import dev.spotsim.simulator.events.EventSink;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Appends matching events to a JSONL file of their own. */
public final class JsonlFileSink implements EventSink {
    private final String name;
    private final EventJournal file;
    private final AtomicLong written = new AtomicLong();

    public JsonlFileSink(String name, Path path) {
        this.name = name;
        this.file = new EventJournal(path);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(Event event) {
        file.append(event);
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
