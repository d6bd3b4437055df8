package dev.spotsim.simulator.events.sink;

import dev.spotsim.simulator.events.Event;
import dev.spotsim.simulator.events.EventSink;
import dev.spotsim.simulator.events.pattern.EventPattern;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Server-sent events for live watchers: each connected client gets the events its own pattern
 * matches ({@code id:} the event id, {@code event:} the detail-type, {@code data:} the JSON), and a
 * comment line every 15 s so proxies keep the stream open. A client too slow to keep up is
 * disconnected rather than buffered without end; it can reconnect with {@code Last-Event-ID}.
 * https://html.spec.whatwg.org/multipage/server-sent-events.html
 */
public final class SseHub implements EventSink {
    public static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private final Vertx vertx;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final long heartbeatTimer;

    /** One open stream; writes happen on the context of the request that opened it. */
    private record Client(HttpServerResponse response, Context context, EventPattern pattern) {
        void write(String frame) {
            context.runOnContext(v -> {
                if (!response.closed()) {
                    if (response.writeQueueFull()) {
                        response.reset();
                    } else {
                        response.write(frame);
                    }
                }
            });
        }
    }

    public SseHub(Vertx vertx) {
        this(vertx, HEARTBEAT);
    }

    public SseHub(Vertx vertx, Duration heartbeat) {
        this.vertx = vertx;
        this.heartbeatTimer = vertx.setPeriodic(heartbeat.toMillis(), id -> clients.forEach(c -> c.write(": heartbeat\n\n")));
    }

    /**
     * Starts streaming to {@code response}, after replaying {@code backlog} (the events after the
     * client's Last-Event-ID). Call it on the request's event loop.
     */
    public void attach(HttpServerResponse response, EventPattern pattern, List<Event> backlog) {
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("Connection", "keep-alive");
        response.write(": spotsim events\n\n");
        backlog.stream().filter(e -> pattern.matches(e.toJson())).forEach(e -> response.write(frame(e)));
        Client client = new Client(response, vertx.getOrCreateContext(), pattern);
        clients.add(client);
        response.closeHandler(v -> clients.remove(client));
        response.exceptionHandler(e -> clients.remove(client));
    }

    /** One event as an SSE frame; the JSON is a single line, so one data: line carries it. */
    static String frame(Event e) {
        return frame(e, e.toJsonLine());
    }

    private static String frame(Event e, String jsonLine) {
        return "id: " + e.id() + "\nevent: " + e.detailType() + "\ndata: " + jsonLine + "\n\n";
    }

    @Override
    public String name() {
        return "stream";
    }

    @Override
    public void deliver(Event event) {
        deliver(event, event.toJsonLine());
    }

    @Override
    public void deliver(Event event, String jsonLine) {
        if (clients.isEmpty()) {
            return; // nobody watching: nothing to match (this runs on the publisher's thread)
        }
        var json = event.toJson();
        String frame = frame(event, jsonLine);
        clients.stream().filter(c -> c.pattern().matches(json)).forEach(c -> c.write(frame));
    }

    @Override
    public Map<String, Object> stats() {
        return Map.of("type", "stream", "clients", clients.size());
    }

    /** Ends every open stream. */
    @Override
    public void close() {
        vertx.cancelTimer(heartbeatTimer);
        clients.forEach(c -> c.context().runOnContext(v -> c.response().end()));
        clients.clear();
    }
}
