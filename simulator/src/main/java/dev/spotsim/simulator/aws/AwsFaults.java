package dev.spotsim.simulator.aws;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import dev.spotsim.simulator.route.RouteTable;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Throttling on purpose, to test clients' retries: the next {@code count} calls to a service (or
 * to some of its operations) answer the service's own throttling error (EC2 503
 * RequestLimitExceeded, query APIs 400 Throttling, JSON APIs 400 ThrottlingException).
 * Control routes: {@code PUT /spotsim/v1/aws/faults} with {@code {"service":"ec2","throttle":3,
 * "operations":["DescribeInstances"]}}, {@code GET} lists what is left, {@code DELETE} clears all.
 */
public final class AwsFaults {
    /** What is left of one service's throttling; an empty {@code operations} means every operation. */
    public record Throttle(String service, int remaining, Set<String> operations) {
        public Throttle {
            operations = Set.copyOf(operations);
        }
    }

    private final Map<String, Throttle> throttles = new ConcurrentHashMap<>();

    /** The next {@code count} calls to {@code service} (by SigV4 signing name) answer throttling errors. */
    public void throttle(String service, int count, List<String> operations) {
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("service: expected a signing name like ec2 or autoscaling");
        }
        if (count < 0) {
            throw new IllegalArgumentException("throttle: expected 0 or more calls, got " + count);
        }
        if (count == 0) {
            throttles.remove(service);
        } else {
            throttles.put(service, new Throttle(service, count, Set.copyOf(operations)));
        }
    }

    public void clear() {
        throttles.clear();
    }

    public List<Throttle> throttles() {
        return List.copyOf(throttles.values());
    }

    /** The throttling error this call must answer, or null; each answered error uses up one call. */
    AwsException check(AwsService service, AwsRequest request) {
        AwsException[] answer = new AwsException[1];
        throttles.computeIfPresent(service.signingName(), (k, t) -> {
            if (!t.operations().isEmpty() && !t.operations().contains(request.operation())) {
                return t;
            }
            answer[0] = service.throttlingError();
            return t.remaining() <= 1 ? null : new Throttle(t.service(), t.remaining() - 1, t.operations());
        });
        return answer[0];
    }

    /** Mounts the control routes under {@code base} (the control API's /spotsim/v1). */
    void addTo(RouteTable table, String base) {
        String path = base + "/aws/faults";
        table.get(path, ctx -> answer(ctx, 200));
        table.delete(path, ctx -> {
            clear();
            answer(ctx, 200);
        });
        table.put(path, this::put);
    }

    private void put(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body() == null || ctx.body().length() == 0 ? null : ctx.body().asJsonObject();
            if (body == null) {
                throw new IllegalArgumentException("body: expected {\"service\":\"ec2\",\"throttle\":3,\"operations\":[\"DescribeInstances\"]}");
            }
            Object count = body.getValue("throttle");
            if (!(count instanceof Number n)) {
                throw new IllegalArgumentException("throttle: expected a number of calls, got " + count);
            }
            List<String> operations = new ArrayList<>();
            JsonArray ops = body.getJsonArray("operations", new JsonArray());
            ops.forEach(o -> operations.add(String.valueOf(o)));
            throttle(body.getString("service"), n.intValue(), operations);
            answer(ctx, 200);
        } catch (IllegalArgumentException | ClassCastException | DecodeException e) {
            ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("error", "bad_request").put("message", e.getMessage()).encode());
        }
    }

    private void answer(RoutingContext ctx, int status) {
        JsonArray list = new JsonArray();
        throttles().forEach(t -> list.add(new JsonObject().put("service", t.service()).put("throttle", t.remaining())
                .put("operations", new JsonArray(List.copyOf(t.operations())))));
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(new JsonObject().put("throttles", list).encode());
    }
}
