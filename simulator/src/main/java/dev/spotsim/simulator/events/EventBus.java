package dev.spotsim.simulator.events;

import dev.spotsim.simulator.events.pattern.EventPattern;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes events: first into the journal (so a sink that is down loses nothing), then to every
 * sink whose pattern matches. Keeps the recent events for {@code GET /events} and stream replay.
 */
public final class EventBus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    private static final int RECENT = 10_000;
    private final EventJournal journal;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Deque<Event> recent = new ArrayDeque<>();

    /** A sink and the pattern that decides what it gets. */
    public record Subscription(EventSink sink, EventPattern pattern) {
    }

    /** @param journal where every event is written first; null keeps events in memory only */
    public EventBus(EventJournal journal) {
        this.journal = journal;
    }

    public void subscribe(EventSink sink, EventPattern pattern) {
        subscriptions.add(new Subscription(sink, pattern == null ? EventPattern.any() : pattern));
    }

    public List<Subscription> subscriptions() {
        return List.copyOf(subscriptions);
    }

    public void publish(Event event) {
        synchronized (this) {
            if (journal != null) {
                journal.append(event);
            }
            recent.addLast(event);
            if (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }
        var json = event.toJson();
        for (Subscription s : subscriptions) {
            if (s.pattern().matches(json)) {
                try {
                    s.sink().deliver(event);
                } catch (RuntimeException e) {
                    LOG.warn("sink {} refused event {}: {}", s.sink().name(), event.id(), e.toString());
                }
            }
        }
    }

    /** The most recent events, oldest first. */
    public synchronized List<Event> recent() {
        return new ArrayList<>(recent);
    }

    public EventJournal journal() {
        return journal;
    }

    @Override
    public void close() {
        subscriptions.forEach(s -> s.sink().close());
        if (journal != null) {
            journal.close();
        }
    }
}
