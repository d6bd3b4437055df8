package dev.spotsim.simulator.control;

import dev.spotsim.scenarios.parse.InputException;
import dev.spotsim.simulator.aws.AwsFrontDoor;
import dev.spotsim.simulator.events.EventsRoutes;
import dev.spotsim.simulator.fleet.Fleet;
import dev.spotsim.simulator.fleet.FleetException;
import dev.spotsim.simulator.fleet.InterruptRequest;
import dev.spotsim.simulator.fleet.MaintenanceRequest;
import dev.spotsim.simulator.instance.Faults;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.instance.InterruptionAction;
import dev.spotsim.simulator.instance.MetadataOptions;
import dev.spotsim.simulator.route.RouteTable;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control REST API under {@code /spotsim/v1/}: the only way in from outside the JVM. Each route
 * is a thin client of {@link Fleet}; errors are JSON {@code {"error": ..., "message": ...}}.
 */
public final class ControlApi {
    public static final String BASE = "/spotsim/v1";
    private static final Logger LOG = LoggerFactory.getLogger(ControlApi.class);
    private static final int BODY_LIMIT_BYTES = 64 * 1024;

    private final Fleet fleet;
    private final Function<String, String> imdsEndpoint;

    private final EventsRoutes events;
    private final AwsFrontDoor aws;
    private final java.util.function.Supplier<Map<String, Object>> reset;

    /**
     * @param imdsEndpoint the metadata URL of an instance, by id
     * @param events       the event routes, or null when the simulator publishes no events
     * @param aws          the AWS APIs served at the root, or null
     */
    public ControlApi(Fleet fleet, Function<String, String> imdsEndpoint, EventsRoutes events, AwsFrontDoor aws) {
        this(fleet, imdsEndpoint, events, aws, null);
    }

    /** @param reset the global reset behind {@code POST /spotsim/v1/reset}, answering what it cleared (null: instances only) */
    public ControlApi(Fleet fleet, Function<String, String> imdsEndpoint, EventsRoutes events, AwsFrontDoor aws,
                      java.util.function.Supplier<Map<String, Object>> reset) {
        this.fleet = fleet;
        this.imdsEndpoint = imdsEndpoint;
        this.events = events;
        this.aws = aws;
        this.reset = reset;
    }

    public ControlApi(Fleet fleet, Function<String, String> imdsEndpoint, EventsRoutes events) {
        this(fleet, imdsEndpoint, events, null);
    }

    /** The control API's route table: every route, declared once; the router and the 404/405 answers come from it. */
    public RouteTable routes() {
        RouteTable t = new RouteTable();
        t.get(BASE + "/health", ctx -> ok(ctx, 200, Map.of("status", "ok", "instances", fleet.instances().size())));
        t.post(BASE + "/reset", this::reset);
        t.get(BASE + "/instances", ctx -> ok(ctx, 200, Map.of("instances", fleet.instances().stream().map(this::show).toList())));
        t.get(BASE + "/instances/:id", ctx -> ok(ctx, 200, show(fleet.instance(id(ctx)))));
        t.post(BASE + "/instances/:id/interrupt", this::interrupt);
        t.delete(BASE + "/instances/:id/interruption", ctx -> {
            fleet.cancelInterruption(id(ctx));
            ok(ctx, 200, show(fleet.instance(id(ctx))));
        });
        t.post(BASE + "/instances/:id/rebalance", ctx -> {
            ControlBodies.Rebalance body = body(ctx, ControlBodies.Rebalance.class);
            Duration delay = body.delay() == null ? Duration.ZERO : body.delay();
            ok(ctx, 202, Map.of("instanceId", id(ctx), "rebalanceTime", fleet.recommendRebalance(id(ctx), delay).toString()));
        });
        t.post(BASE + "/instances/:id/maintenance", ctx -> {
            ControlBodies.Maintenance b = body(ctx, ControlBodies.Maintenance.class);
            ok(ctx, 201, ControlJson.maintenance(fleet.scheduleMaintenance(id(ctx),
                    new MaintenanceRequest(b.code(), b.description(), b.notBefore(), b.window()))));
        });
        t.delete(BASE + "/instances/:id/maintenance/:eventId", ctx ->
                ok(ctx, 200, ControlJson.maintenance(fleet.cancelMaintenance(id(ctx), ctx.pathParam("eventId")))));
        t.put(BASE + "/instances/:id/metadata-options", this::metadataOptions);
        t.put(BASE + "/instances/:id/faults", ctx -> {
            ControlBodies.Faults b = body(ctx, ControlBodies.Faults.class);
            fleet.setFaults(id(ctx), new Faults(b.delay(), b.errorStatus() == null ? 0 : b.errorStatus(),
                    b.errorRate() == null ? 0 : b.errorRate(), b.timeoutRate() == null ? 0 : b.timeoutRate()));
            ok(ctx, 200, show(fleet.instance(id(ctx))));
        });
        t.delete(BASE + "/instances/:id/faults", ctx -> {
            fleet.setFaults(id(ctx), Faults.none());
            ok(ctx, 200, show(fleet.instance(id(ctx))));
        });
        t.post(BASE + "/instances/:id/reset", ctx -> ok(ctx, 200, show(fleet.reset(id(ctx)))));
        t.post(BASE + "/instances/:id/start", ctx -> ok(ctx, 200, show(fleet.start(id(ctx)))));
        new FleetRoutes(fleet).addTo(t);
        if (events != null) {
            events.addTo(t, BASE);
        }
        if (aws != null) {
            aws.addControlRoutes(t, BASE);
        }
        return t;
    }

    /** The router: body limits, the route table, the AWS APIs at the root, and the API's JSON errors. */
    public Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route(BASE + "/*").handler(new BoundedBody(BODY_LIMIT_BYTES));
        RouteTable table = routes();
        table.mountOn(router);
        if (aws != null) {
            // Read here, raw: the AWS routes' own body handler then leaves it be and never decodes forms itself.
            router.routeWithRegex("^(?!" + java.util.regex.Pattern.quote(BASE) + "(/|$)).*").handler(new BoundedBody(AwsFrontDoor.BODY_LIMIT_BYTES));
            aws.addTo(router, BASE);
        }
        router.route().failureHandler(this::failure);
        router.errorHandler(404, ctx -> unrouted(ctx, table));
        // Vert.x answers a method it does not know with 501; to a client it is one this resource does not allow.
        router.errorHandler(501, ctx -> unrouted(ctx, table));
        router.errorHandler(405, ctx -> unrouted(ctx, table));
        router.errorHandler(400, ctx -> error(ctx, 400, "bad_request", "malformed request"));
        router.errorHandler(500, this::failure);
        return router;
    }

    /** No route answered: 405 with Allow when the table has the path for other methods, else 404. */
    private static void unrouted(RoutingContext ctx, RouteTable table) {
        String path = ctx.request().path();
        java.util.Set<io.vertx.core.http.HttpMethod> allowed = table.allowed(path);
        if (allowed.isEmpty()) {
            error(ctx, 404, "not_found", "no such resource: " + ctx.request().method() + " " + path);
            return;
        }
        String allow = String.join(", ", allowed.stream().map(io.vertx.core.http.HttpMethod::name).toList());
        ctx.response().putHeader("Allow", allow);
        error(ctx, 405, "method_not_allowed", ctx.request().method() + " is not allowed on " + path + " (allowed: " + allow + ")");
    }

    /** The global reset stops processes (SSM commands) and experiments: it runs on a worker, never on the event loop. */
    private void reset(RoutingContext ctx) {
        if (reset == null) {
            error(ctx, 404, "not_found", "this simulator has no global reset");
            return;
        }
        ctx.vertx().executeBlocking(reset::get, false).onComplete(done -> {
            if (done.succeeded()) {
                ok(ctx, 200, done.result());
            } else {
                ctx.fail(done.cause());
            }
        });
    }

    private void interrupt(RoutingContext ctx) {
        ControlBodies.Interrupt b = body(ctx, ControlBodies.Interrupt.class);
        InterruptionAction action = b.action() == null ? null : InterruptionAction.parse(b.action());
        var plan = fleet.interrupt(id(ctx), new InterruptRequest(action, b.notice(), b.delay(), b.rebalanceLead()));
        Map<String, Object> answer = new java.util.LinkedHashMap<>(ControlJson.interruption(plan));
        answer.put("instanceId", id(ctx));
        ok(ctx, 202, answer);
    }

    private void metadataOptions(RoutingContext ctx) {
        ControlBodies.MetadataOptions b = body(ctx, ControlBodies.MetadataOptions.class);
        MetadataOptions current = fleet.instance(id(ctx)).options();
        boolean required = choose(b.httpTokens(), "httpTokens", "required", "optional", current.tokensRequired());
        boolean enabled = choose(b.httpEndpoint(), "httpEndpoint", "enabled", "disabled", current.endpointEnabled());
        boolean tags = choose(b.instanceMetadataTags(), "instanceMetadataTags", "enabled", "disabled", current.instanceMetadataTags());
        fleet.setMetadataOptions(id(ctx), new MetadataOptions(required, enabled, tags));
        ok(ctx, 200, show(fleet.instance(id(ctx))));
    }

    private static boolean choose(String value, String field, String yes, String no, boolean current) {
        if (value == null) {
            return current;
        }
        if (!value.equals(yes) && !value.equals(no)) {
            throw new IllegalArgumentException(field + ": expected " + yes + " or " + no + ", got \"" + value + "\"");
        }
        return value.equals(yes);
    }

    private Map<String, Object> show(InstanceView v) {
        return ControlJson.instance(v, imdsEndpoint.apply(v.instanceId()));
    }

    private static String id(RoutingContext ctx) {
        return ctx.pathParam("id");
    }

    private static <T> T body(RoutingContext ctx, Class<T> type) {
        return ControlHttp.body(ctx, type);
    }

    private static void ok(RoutingContext ctx, int status, Object value) {
        ControlHttp.ok(ctx, status, value);
    }

    private void failure(RoutingContext ctx) {
        Throwable e = ctx.failure();
        if (e instanceof FleetException fe) {
            error(ctx, fe.kind() == FleetException.Kind.NOT_FOUND ? 404 : 409,
                    fe.kind() == FleetException.Kind.NOT_FOUND ? "not_found" : "conflict", fe.getMessage());
        } else if (e instanceof InputException || e instanceof IllegalArgumentException) {
            error(ctx, 400, "bad_request", e.getMessage());
        } else if (e instanceof IllegalStateException) {
            error(ctx, 409, "conflict", e.getMessage());
        } else if (e == null) {
            int status = ctx.statusCode();
            error(ctx, status, status == 413 ? "body_too_large" : "error",
                    status == 413 ? "request body above " + BODY_LIMIT_BYTES + " bytes" : "request failed with status " + status);
        } else {
            String incident = java.util.UUID.randomUUID().toString();
            LOG.error("control API {} {} failed (incident {})", ctx.request().method(), ctx.request().path(), incident, e);
            error(ctx, 500, "internal_error", "the simulator failed; its log names incident " + incident);
        }
    }

    private static void error(RoutingContext ctx, int status, String code, String message) {
        ControlHttp.error(ctx, status, code, message);
    }

}
