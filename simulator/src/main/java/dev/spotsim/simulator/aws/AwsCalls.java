package dev.spotsim.simulator.aws;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import dev.spotsim.simulator.route.RouteTable;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Every AWS API call the front door received, newest last (the last {@value #KEEP}), so a test or a
 * user can see what a tool really called, e.g. that a dry run made only reads. Served at
 * {@code GET /spotsim/v1/aws/calls} ({@code ?service=fis} to filter), cleared by {@code DELETE}.
 */
public final class AwsCalls {
    static final int KEEP = 10_000;

    /**
     * One call. {@code operation} is the API's name ("DescribeInstances"); for REST APIs (FIS) it is
     * the method and path ("GET /experiments"), since the path is what names the operation there.
     */
    public record Call(Instant at, String service, String region, String operation) {
        /** Whether the call only reads, by AWS's naming (Describe*, List*, Get*) or, for REST, a GET. */
        public boolean isRead() {
            return operation.startsWith("Describe") || operation.startsWith("List") || operation.startsWith("Get")
                    || operation.startsWith("GET ");
        }
    }

    private final Deque<Call> calls = new ArrayDeque<>();

    synchronized void record(AwsRequest request, Instant at) {
        String operation = request.operation() != null ? request.operation() : request.method() + " " + request.path();
        calls.addLast(new Call(at, request.service(), request.region(), operation));
        if (calls.size() > KEEP) {
            calls.removeFirst();
        }
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized void clear() {
        calls.clear();
    }

    /** Mounts {@code GET} and {@code DELETE} of {@code base/aws/calls}. */
    void addTo(RouteTable table, String base) {
        String path = base + "/aws/calls";
        table.get(path, this::list);
        table.delete(path, ctx -> {
            clear();
            list(ctx);
        });
    }

    private void list(RoutingContext ctx) {
        String service = ctx.queryParams().get("service");
        JsonArray out = new JsonArray();
        for (Call c : calls()) {
            if (service == null || service.equals(c.service())) {
                out.add(new JsonObject().put("at", c.at().toString()).put("service", c.service()).put("region", c.region())
                        .put("operation", c.operation()).put("read", c.isRead()));
            }
        }
        ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("calls", out).encode());
    }
}
