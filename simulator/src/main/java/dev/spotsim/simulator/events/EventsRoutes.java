package dev.spotsim.simulator.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotsim.simulator.events.pattern.EventPattern;
import dev.spotsim.simulator.events.sink.SseHub;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** {@code GET events} (recent, filtered) and {@code GET events/stream} (server-sent events) on the control API. */
public final class EventsRoutes {
    private final EventBus bus;
    private final SseHub hub;

    public EventsRoutes(EventBus bus, SseHub hub) {
        this.bus = bus;
        this.hub = hub;
    }

    public void addTo(Router router, String base) {
        router.get(base + "/events").handler(this::list);
        router.get(base + "/events/stream").handler(this::stream);
        router.get(base + "/sinks").handler(ctx -> {
            ArrayNode sinks = Event.JSON.createArrayNode();
            bus.subscriptions().forEach(s -> {
                ObjectNode o = sinks.addObject();
                o.put("name", s.sink().name());
                o.set("stats", Event.JSON.valueToTree(s.sink().stats()));
            });
            ctx.response().putHeader("Content-Type", "application/json").end(Event.JSON.createObjectNode().set("sinks", sinks).toString());
        });
    }

    private void list(RoutingContext ctx) {
        EventPattern pattern = pattern(ctx);
        String detailType = ctx.request().getParam("detail-type");
        int limit = limit(ctx.request().getParam("limit"));
        List<Event> matching = bus.recent().stream()
                .filter(e -> detailType == null || e.detailType().equals(detailType))
                .filter(e -> pattern.matches(e.toJson())).toList();
        ArrayNode events = Event.JSON.createArrayNode();
        matching.subList(Math.max(0, matching.size() - limit), matching.size()).forEach(e -> events.add(e.toJson()));
        ObjectNode body = Event.JSON.createObjectNode();
        body.put("count", events.size());
        body.set("events", events);
        ctx.response().putHeader("Content-Type", "application/json").end(body.toString());
    }

    private void stream(RoutingContext ctx) {
        EventPattern pattern = pattern(ctx);
        String lastId = ctx.request().getHeader("Last-Event-ID");
        List<Event> backlog = List.of();
        if (lastId != null) {
            List<Event> recent = bus.recent();
            int at = -1;
            for (int i = 0; i < recent.size(); i++) {
                if (recent.get(i).id().equals(lastId)) {
                    at = i;
                }
            }
            backlog = at < 0 ? List.of() : recent.subList(at + 1, recent.size());
        }
        hub.attach(ctx.response(), pattern, backlog);
    }

    private static EventPattern pattern(RoutingContext ctx) {
        String text = ctx.request().getParam("pattern");
        return text == null || text.isBlank() ? EventPattern.any() : EventPattern.parse(text);
    }

    private static int limit(String text) {
        if (text == null) {
            return 1000;
        }
        try {
            int n = Integer.parseInt(text);
            if (n < 1 || n > 10_000) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit: expected 1..10000, got \"" + text + "\"");
        }
    }
}
