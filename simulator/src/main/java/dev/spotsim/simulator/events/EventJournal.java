package dev.spotsim.simulator.events;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The append-only JSONL record of every event, written (and flushed) before any sink sees the event. */
public final class EventJournal implements AutoCloseable {
    private final Path file;
    private final BufferedWriter out;

    public EventJournal(Path file) {
        this.file = file;
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the event journal " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public void append(Event event) {
        appendLine(event.toJsonLine());
    }

    /** Appends {@code line}, an event's {@link Event#toJsonLine()} made by the caller, and flushes it. */
    public synchronized void appendLine(String line) {
        try {
            out.write(line);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the event journal " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
