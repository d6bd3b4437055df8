package dev.spotsim.simulator.events.sink;

import dev.spotsim.simulator.events.Event;
import dev.spotsim.simulator.events.EventSink;
import dev.spotsim.simulator.events.pattern.EventPattern;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Server-sent events for live watchers: each connected client gets the events its own pattern
 * matches ({@code id:} the event id, {@code event:} the detail-type, {@code data:} the JSON), and a
 * comment every 15 s so proxies keep the stream open.
 */
public final class SseHub implements EventSink {
    private static final long HEARTBEAT_MILLIS = 15_000;
    private final Vertx vertx;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final long heartbeat;

    private record Client(HttpServerResponse response, Context context, EventPattern pattern) {
    }

    public SseHub(Vertx vertx) {
        this.vertx = vertx;
        this.heartbeat = vertx.setPeriodic(HEARTBEAT_MILLIS, id -> clients.forEach(c -> c.context().runOnContext(v -> c.response().write(": keepalive\n\n"))));
    }

    /** Starts streaming to {@code response}, after replaying {@code backlog} (events after Last-Event-ID). */
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

    static String frame(Event e) {
        return "id: " + e.id() + "\nevent: " + e.detailType() + "\ndata: " + e.toJsonLine() + "\n\n";
    }

    @Override
    public String name() {
        return "stream";
    }

    @Override
    public void deliver(Event event) {
        var json = event.toJson();
        String frame = frame(event);
        for (Client c : clients) {
            if (c.pattern().matches(json)) {
                c.context().runOnContext(v -> {
                    if (!c.response().closed()) {
                        c.response().write(frame);
                    }
                });
            }
        }
    }

    @Override
    public Map<String, Object> stats() {
        return Map.of("type", "stream", "clients", clients.size());
    }

    @Override
    public void close() {
        vertx.cancelTimer(heartbeat);
        clients.forEach(c -> c.context().runOnContext(v -> c.response().end()));
        clients.clear();
    }
}
