package dev.spotsim.simulator.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotsim.simulator.events.pattern.EventPattern;
import dev.spotsim.simulator.events.sink.SseHub;
import dev.spotsim.simulator.route.RouteTable;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The event routes of the control API: {@code GET events} (recent events, filtered by
 * {@code detail-type}, {@code pattern} and {@code limit}), {@code GET events/stream} (server-sent
 * events, optionally filtered by {@code pattern}, replaying after {@code Last-Event-ID}) and
 * {@code GET sinks} (delivery figures). Bad parameters get a 400 with a message.
 */
public final class EventsRoutes {
    public static final String BASE = "/spotsim/v1";
    private static final int DEFAULT_LIMIT = 1000;
    private final EventBus bus;
    private final SseHub hub;

    /** Routes over {@code bus} and its own live stream. */
    public EventsRoutes(EventBus bus) {
        this(bus, bus.stream());
    }

    /** Routes over {@code bus}, streaming through {@code hub} (which must be subscribed to the bus). */
    public EventsRoutes(EventBus bus, SseHub hub) {
        this.bus = bus;
        this.hub = hub;
    }

    /** Adds the routes under {@code /spotsim/v1}. */
    public void addTo(Router router) {
        addTo(router, BASE);
    }

    public void addTo(Router router, String base) {
        RouteTable table = new RouteTable();
        addTo(table, base);
        table.mountOn(router);
    }

    /** Declares the routes under {@code base} in the control API's route table. */
    public void addTo(RouteTable table, String base) {
        table.get(base + "/events", ctx -> answerOrRefuse(ctx, this::list));
        table.get(base + "/events/stream", ctx -> answerOrRefuse(ctx, this::stream));
        table.get(base + "/sinks", this::sinks);
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
        json(ctx, 200, body);
    }

    /** Replays what came after Last-Event-ID (nothing when it is absent or too old), then streams. */
    private void stream(RoutingContext ctx) {
        EventPattern pattern = pattern(ctx);
        String lastId = ctx.request().getHeader("Last-Event-ID");
        bus.withRecent(recent -> hub.attach(ctx.response(), pattern, after(recent, lastId)));
    }

    private static List<Event> after(List<Event> recent, String lastId) {
        if (lastId != null) {
            for (int i = recent.size() - 1; i >= 0; i--) {
                if (recent.get(i).id().equals(lastId)) {
                    return recent.subList(i + 1, recent.size());
                }
            }
        }
        return List.of();
    }

    private void sinks(RoutingContext ctx) {
        ArrayNode sinks = Event.JSON.createArrayNode();
        bus.subscriptions().forEach(s -> {
            ObjectNode o = sinks.addObject();
            o.put("name", s.sink().name());
            o.put("pattern", s.pattern().toString());
            o.set("stats", Event.JSON.valueToTree(s.sink().stats()));
        });
        json(ctx, 200, Event.JSON.createObjectNode().set("sinks", sinks));
    }

    private static EventPattern pattern(RoutingContext ctx) {
        String text = ctx.request().getParam("pattern");
        return text == null || text.isBlank() ? EventPattern.any() : EventPattern.parse(text);
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= EventBus.RECENT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("limit: expected a whole number from 1 to " + EventBus.RECENT + ", got \"" + text + "\"");
    }

    /** Bad input is the caller's to fix: a 400 naming the parameter, in the control API's error shape. */
    private static void answerOrRefuse(RoutingContext ctx, java.util.function.Consumer<RoutingContext> handler) {
        try {
            handler.accept(ctx);
        } catch (IllegalArgumentException e) {
            json(ctx, 400, Event.JSON.createObjectNode().put("error", "bad_request").put("message", e.getMessage()));
        }
    }

    private static void json(RoutingContext ctx, int status, ObjectNode body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }
}
