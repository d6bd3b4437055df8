package dev.spotsim.simulator.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotsim.simulator.events.pattern.EventPattern;
import dev.spotsim.simulator.events.sink.SseHub;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes events: first into the journal (so a sink that is down loses nothing), then to every
 * sink whose pattern matches, in publishing order. Keeps the most recent events for
 * {@code GET /events} and for replaying a stream from {@code Last-Event-ID}.
 */
public final class EventBus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    /** How many recent events are kept in memory; the journal has them all. */
    public static final int RECENT = 10_000;
    private final EventJournal journal;
    private final SseHub stream;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Deque<Event> recent = new ArrayDeque<>();
    private boolean closed;

    /** A sink and the pattern that decides what it gets. */
    public record Subscription(EventSink sink, EventPattern pattern) {
    }

    /**
     * A bus with a live stream ({@link #stream()}) on {@code vertx}, delivering to {@code sinks}
     * (each filtered by its own pattern); the bus closes them all.
     *
     * @param journal where every event is written first; null keeps events in memory only
     */
    public EventBus(Vertx vertx, EventJournal journal, List<? extends EventSink> sinks) {
        this.journal = journal;
        this.stream = new SseHub(vertx);
        sinks.forEach(this::subscribe);
        subscribe(stream);
    }

    /** A bus without a live stream, for callers that do not run Vert.x; sinks are added with subscribe. */
    public EventBus(EventJournal journal) {
        this.journal = journal;
        this.stream = null;
    }

    /** Delivers to {@code sink} what its own pattern matches. */
    public void subscribe(EventSink sink) {
        subscribe(sink, sink.pattern());
    }

    /** Delivers to {@code sink} what {@code pattern} matches (null: everything), whatever the sink's own pattern. */
    public void subscribe(EventSink sink, EventPattern pattern) {
        subscriptions.add(new Subscription(sink, pattern == null ? EventPattern.any() : pattern));
    }

    public List<Subscription> subscriptions() {
        return List.copyOf(subscriptions);
    }

    /**
     * Journals the event, then hands it to each matching sink. If the journal cannot be written the
     * error is thrown and no sink sees the event. A sink that throws is logged and skipped. After
     * {@link #close()} events are dropped: the simulator is stopping (a burst's replacements may still
     * be launching on the clock thread).
     */
    public synchronized void publish(Event event) {
        if (closed) {
            LOG.debug("event {} ({}) after the bus closed: dropped", event.id(), event.detailType());
            return;
        }
        // Serialized once: one JSON tree for every pattern, one line for the journal and every sink.
        JsonNode json = event.toJson();
        String line = json.toString();
        if (journal != null) {
            journal.appendLine(line);
        }
        recent.addLast(event);
        if (recent.size() > RECENT) {
            recent.removeFirst();
        }
        for (Subscription s : subscriptions) {
            if (s.pattern().matches(json)) {
                try {
                    s.sink().deliver(event, line);
                } catch (RuntimeException e) {
                    LOG.warn("sink {} refused event {}: {}", s.sink().name(), event.id(), e.toString());
                }
            }
        }
    }

    /**
     * The simulator's global reset: the recent events (GET events, stream replays) are forgotten; the journal
     * file and the sinks keep what they had. Returns how many there were.
     */
    public synchronized int clearRecent() {
        int count = recent.size();
        recent.clear();
        return count;
    }

    /** The most recent events (at most {@link #RECENT}), oldest first. */
    public synchronized List<Event> recent() {
        return new ArrayList<>(recent);
    }

    /**
     * Runs {@code action} with the recent events while nothing is published, so a stream can replay
     * them and attach with no gap and no duplicate. {@code action} must not block.
     */
    public synchronized void withRecent(Consumer<List<Event>> action) {
        action.accept(recent());
    }

    /** The live stream the three-argument constructor made. */
    public SseHub stream() {
        if (stream == null) {
            throw new IllegalStateException("this event bus was built without Vert.x and has no live stream");
        }
        return stream;
    }

    public EventJournal journal() {
        return journal;
    }

    /** Closes every sink, then the journal; what is published from then on is dropped. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        subscriptions.forEach(s -> s.sink().close());
        if (journal != null) {
            journal.close();
        }
    }
}
