package dev.spotsim.simulator.balancer;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

/**
 * A local reverse proxy with Application Load Balancer target-group semantics: health checks with
 * thresholds, round robin over healthy targets (fail-open when none is healthy), deregistration with
 * a delay for in-flight requests, and 502 / 503 / 504 where ALB answers them. Every request is
 * reported to the listeners. All state lives on one Vert.x context, so no locks are needed.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html
 */
public final class LoadBalancer implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length");
    private final Vertx vertx;
    private final TargetGroupSettings settings;
    private final Clock clock;
    private final Context context;
    private final HttpClient client;
    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final List<BalancerListener> listeners = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private int next;

    public LoadBalancer(Vertx vertx, TargetGroupSettings settings, Clock clock) {
        this.vertx = vertx;
        this.settings = settings;
        this.clock = clock;
        this.context = vertx.getOrCreateContext();
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(2000),
                new PoolOptions().setHttp1MaxSize(64));
    }

    public void addListener(BalancerListener listener) {
        listeners.add(listener);
    }

    /** Listens on {@code host:port} (0: a free port); completes with the port. */
    public Future<Integer> start(String host, int port) {
        Promise<Integer> bound = Promise.promise();
        context.runOnContext(v -> vertx.createHttpServer(new HttpServerOptions().setHost(host))
                .requestHandler(this::proxy).listen(port)
                .onSuccess(s -> {
                    server = s;
                    bound.complete(s.actualPort());
                }).onFailure(bound::fail));
        return bound.future();
    }

    /** Adds a target; it gets traffic once its health checks pass. */
    public void register(String targetId, String host, int port) {
        context.runOnContext(v -> {
            if (targets.containsKey(targetId)) {
                return;
            }
            Target t = new Target(targetId, host, port);
            targets.put(targetId, t);
            announce(t, null, TargetState.INITIAL);
            checkHealth(t);
        });
    }

    /** Starts deregistration: no new requests; done when in-flight requests finish or the delay ends. */
    public void deregister(String targetId) {
        context.runOnContext(v -> {
            Target t = targets.get(targetId);
            if (t == null || !t.takesNewRequests()) {
                return;
            }
            vertx.cancelTimer(t.healthTimer);
            move(t, TargetState.DRAINING);
            if (t.inFlight == 0) {
                // A deregistering target with nothing in flight is done at once.
                finishDraining(t);
            } else {
                t.drainTimer = vertx.setTimer(Math.max(1, settings.deregistrationDelay().toMillis()), id -> finishDraining(t));
            }
        });
    }

    /** Target states now, by id (a snapshot taken on the balancer's context). */
    public Future<Map<String, TargetState>> states() {
        Promise<Map<String, TargetState>> p = Promise.promise();
        context.runOnContext(v -> {
            Map<String, TargetState> out = new LinkedHashMap<>();
            targets.values().forEach(t -> out.put(t.id, t.state));
            p.complete(out);
        });
        return p.future();
    }

    private void finishDraining(Target t) {
        if (t.state != TargetState.DRAINING) {
            return;
        }
        vertx.cancelTimer(t.drainTimer);
        targets.remove(t.id);
        move(t, TargetState.UNUSED);
    }

    private void checkHealth(Target t) {
        if (!targets.containsKey(t.id) || !t.takesNewRequests()) {
            return;
        }
        HealthCheckSettings hc = settings.healthCheck();
        client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(t.host).setPort(t.port).setURI(hc.path())
                        .setIdleTimeout(hc.timeout().toMillis()).setConnectTimeout(hc.timeout().toMillis()))
                .compose(req -> req.send().compose(resp -> resp.body().map(b -> resp.statusCode())))
                .onComplete(ar -> {
                    healthResult(t, ar.succeeded() && hc.isSuccess(ar.result()));
                    if (t.takesNewRequests() && targets.containsKey(t.id)) {
                        t.healthTimer = vertx.setTimer(hc.interval().toMillis(), id -> checkHealth(t));
                    }
                });
    }

    private void healthResult(Target t, boolean ok) {
        if (!t.takesNewRequests()) {
            return;
        }
        HealthCheckSettings hc = settings.healthCheck();
        if (ok) {
            t.consecutiveSuccesses++;
            t.consecutiveFailures = 0;
            if (t.state != TargetState.HEALTHY && t.consecutiveSuccesses >= hc.healthyThreshold()) {
                move(t, TargetState.HEALTHY);
            }
        } else {
            t.consecutiveFailures++;
            t.consecutiveSuccesses = 0;
            if (t.state != TargetState.UNHEALTHY && t.consecutiveFailures >= hc.unhealthyThreshold()) {
                move(t, TargetState.UNHEALTHY);
            }
        }
    }

    private void move(Target t, TargetState to) {
        TargetState from = t.state;
        t.state = to;
        announce(t, from, to);
    }

    private void announce(Target t, TargetState from, TargetState to) {
        Instant now = clock.instant();
        listeners.forEach(l -> l.targetChanged(t.id, from, to, now));
    }

    /**
     * Round robin over healthy targets; when none is healthy but some are registered, ALB fails open
     * and routes to all of them.
     */
    private Target pick() {
        List<Target> healthy = new ArrayList<>();
        List<Target> registered = new ArrayList<>();
        for (Target t : targets.values()) {
            if (t.takesNewRequests()) {
                registered.add(t);
                if (t.state == TargetState.HEALTHY) {
                    healthy.add(t);
                }
            }
        }
        List<Target> pool = healthy.isEmpty() ? registered : healthy;
        if (pool.isEmpty()) {
            return null;
        }
        return pool.get(Math.floorMod(next++, pool.size()));
    }

    private void proxy(HttpServerRequest request) {
        Instant start = clock.instant();
        long started = System.nanoTime();
        request.pause();
        context.runOnContext(v -> route(request, start, started));
    }

    private void route(HttpServerRequest request, Instant start, long started) {
        Target t = pick();
        if (t == null) {
            request.resume();
            AlbResponses.error(request.response(), 503);
            record(start, started, null, 503, "no_targets");
            return;
        }
        t.inFlight++;
        RequestOptions options = new RequestOptions().setMethod(request.method()).setHost(t.host).setPort(t.port)
                .setURI(request.uri()).setIdleTimeout(settings.targetTimeout().toMillis());
        request.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
                options.addHeader(h.getKey(), h.getValue());
            }
        });
        String clientIp = request.remoteAddress() == null ? "127.0.0.1" : request.remoteAddress().hostAddress();
        String forwarded = request.getHeader("X-Forwarded-For");
        options.putHeader("X-Forwarded-For", forwarded == null ? clientIp : forwarded + ", " + clientIp);
        options.putHeader("X-Forwarded-Proto", "http");
        options.putHeader("X-Forwarded-Port", Integer.toString(request.localAddress() == null ? 80 : request.localAddress().port()));
        options.putHeader("X-Amzn-Trace-Id", "Root=1-" + Long.toHexString(start.getEpochSecond()) + "-" + Long.toHexString(started & 0xffffffffffffL));
        request.resume();
        request.body()
                .compose(body -> client.request(options).compose(out -> out.send(body)))
                .compose(resp -> resp.body().map(body -> {
                    var response = request.response().setStatusCode(resp.statusCode());
                    resp.headers().forEach(h -> {
                        if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
                            response.putHeader(h.getKey(), h.getValue());
                        }
                    });
                    response.end(body);
                    return resp.statusCode();
                }))
                .onComplete(ar -> context.runOnContext(v -> done(t, request, start, started, ar.succeeded() ? ar.result() : null, ar.cause())));
    }

    private void done(Target t, HttpServerRequest request, Instant start, long started, Integer status, Throwable failure) {
        t.inFlight--;
        if (status != null) {
            record(start, started, t.id, status, null);
        } else {
            boolean timeout = failure instanceof TimeoutException || String.valueOf(failure).contains("Timeout");
            int answer = timeout ? 504 : 502;
            AlbResponses.error(request.response(), answer);
            record(start, started, t.id, answer, timeout ? "target_timeout"
                    : String.valueOf(failure).contains("Connection refused") ? "target_connection_error" : "target_reset");
        }
        if (t.state == TargetState.DRAINING && t.inFlight == 0) {
            finishDraining(t);
        }
    }

    private void record(Instant start, long started, String targetId, int status, String cause) {
        RequestRecord r = new RequestRecord(start, targetId, status, Duration.ofNanos(System.nanoTime() - started), cause);
        listeners.forEach(l -> l.request(r));
    }

    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    @Override
    public void close() {
        context.runOnContext(v -> targets.values().forEach(t -> {
            vertx.cancelTimer(t.healthTimer);
            vertx.cancelTimer(t.drainTimer);
        }));
        if (server != null) {
            server.close().await();
        }
        client.close().await();
    }
}
