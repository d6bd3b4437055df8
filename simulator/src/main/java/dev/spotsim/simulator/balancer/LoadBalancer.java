package dev.spotsim.simulator.balancer;

import io.vertx.core.Context;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local HTTP reverse proxy with the semantics of an Application Load Balancer and one target
 * group: health checks with thresholds, routing over healthy targets only (fail-open when all are
 * unhealthy), deregistration with a delay for in-flight requests, and ALB's own 502/503/504 answers.
 * Every request and every target state change is reported to the listeners. All state lives on the
 * balancer's own Vert.x context, so nothing needs a lock; the public methods may be called from any thread.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html
 */
public final class LoadBalancer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoadBalancer.class);
    private final Vertx vertx;
    private final TargetGroupSettings settings;
    private final Supplier<Instant> clock;
    private final List<RequestRecorder> recorders = new CopyOnWriteArrayList<>();
    private final List<TargetStateListener> stateListeners = new CopyOnWriteArrayList<>();
    private final Map<String, Target> targets = new HashMap<>();
    /** Registered and draining targets in registration order; routing walks this list. */
    private final List<Target> order = new ArrayList<>();
    private final TargetPicker picker;
    private final Proxy proxy;
    private volatile Context context;
    private volatile String deploymentId;
    private volatile int port = -1;
    private HealthChecker health;
    private HttpServer server;

    /** @param clock stamps records and state changes (pass {@code simClock::now}); timers run in real time */
    public LoadBalancer(Vertx vertx, TargetGroupSettings settings, Supplier<Instant> clock) {
        this.vertx = vertx;
        this.settings = settings;
        this.clock = clock;
        this.picker = new TargetPicker(settings.algorithm());
        this.proxy = new Proxy(settings, clock, this::finished);
    }

    /** Stamps records and state changes with {@code clock}. */
    public LoadBalancer(Vertx vertx, TargetGroupSettings settings, Clock clock) {
        this(vertx, settings, clock::instant);
    }

    /** Listens on 127.0.0.1 at a free port; completes with the port. */
    public Future<Integer> start() {
        return start("127.0.0.1", 0);
    }

    /** Listens on {@code host:port} (0: a free port); completes with the port. */
    public Future<Integer> start(String host, int listenPort) {
        if (deploymentId != null) {
            return Future.failedFuture(new IllegalStateException("the balancer is already listening on port " + port));
        }
        Deployable verticle = new Deployable() {
            @Override
            public Future<?> deploy(Context ctx) {
                context = ctx;
                health = new HealthChecker(vertx, settings.healthCheck());
                return vertx.createHttpServer(serverOptions())
                        .requestHandler(LoadBalancer.this::handle)
                        .listen(listenPort, host)
                        .onSuccess(LoadBalancer.this::bound);
            }

            @Override
            public Future<?> undeploy(Context ctx) {
                return shutdown();
            }
        };
        return vertx.deployVerticle(verticle).map(id -> {
            deploymentId = id;
            return port;
        });
    }

    /**
     * The listener: answers "100 Continue" itself; no WebSocket compression handlers (Upgrade is
     * hop-by-hop and never crosses) and no h2c upgrade, so each request passes the fewest pipeline stages.
     */
    private static HttpServerOptions serverOptions() {
        return new HttpServerOptions().setHandle100ContinueAutomatically(true).setTcpNoDelay(true)
                .setPerFrameWebSocketCompressionSupported(false).setPerMessageWebSocketCompressionSupported(false)
                .setHttp2ClearTextEnabled(false);
    }

    private void bound(HttpServer listening) {
        server = listening;
        port = listening.actualPort();
        proxy.listenerPort(port);
    }

    /** The port the balancer listens on, or -1 before {@link #start}. */
    /** The target group settings (health check, deregistration delay), for the ELBv2 API reads. */
    public TargetGroupSettings settings() {
        return settings;
    }

    public int port() {
        return port;
    }

    public void addListener(BalancerListener listener) {
        recorders.add(listener);
        stateListeners.add(listener);
    }

    public void addRequestRecorder(RequestRecorder recorder) {
        recorders.add(recorder);
    }

    public void addTargetStateListener(TargetStateListener listener) {
        stateListeners.add(listener);
    }

    /**
     * Registers a target (idempotent, as RegisterTargets is); it gets traffic once a health check
     * passes. Fails when the same id is still draining.
     */
    public Future<Void> register(String targetId, String host, int targetPort) {
        return onContext(() -> {
            Target known = targets.get(targetId);
            if (known != null && known.isRegistered()) {
                return;
            }
            if (known != null) {
                throw new IllegalStateException("target " + targetId + " is still draining; register it again once it is unused");
            }
            Target t = new Target(targetId, host, targetPort, targetClient());
            targets.put(targetId, t);
            order.add(t);
            announce(t, TargetState.UNUSED, TargetState.INITIAL);
            health.start(t, this::healthResult);
        });
    }

    /**
     * Starts deregistration: the target gets no new requests at once; in-flight ones may finish until
     * the deregistration delay ends, when its connections are closed and it becomes unused. Unknown or
     * already draining targets are fine, as with DeregisterTargets.
     */
    public Future<Void> deregister(String targetId) {
        return onContext(() -> {
            Target t = targets.get(targetId);
            if (t == null || !t.isRegistered()) {
                return;
            }
            health.stop(t);
            TargetState from = t.state();
            changed(t, from, t.drain());
            if (t.inFlight == 0) {
                // Nothing in flight: deregistration is complete now, though ALB shows draining until the delay ends.
                t.client.close();
            }
            long delay = settings.deregistrationDelay().toMillis();
            if (delay == 0) {
                finishDraining(t);
            } else {
                t.drainTimer = vertx.setTimer(delay, id -> finishDraining(t));
            }
        });
    }

    /** Every known target with its state, like describe-target-health. */
    public Future<List<TargetHealthDescription>> describeTargetHealth() {
        Context ctx = requireStarted();
        Promise<List<TargetHealthDescription>> result = Promise.promise();
        ctx.runOnContext(v -> result.complete(order.stream().map(Target::describe).toList()));
        return result.future();
    }

    private HttpClient targetClient() {
        int keepAlive = (int) Math.max(1, settings.targetTimeout().toSeconds());
        // Keep-alive connections to the target; ALB closes idle ones after its idle timeout.
        return vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(keepAlive).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(512));
    }

    private void handle(HttpServerRequest request) {
        Proxy.Exchange exchange = proxy.begin(request);
        // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html#http-405-issues
        if (request.method() == HttpMethod.TRACE) {
            exchange.reject(ErrorCause.METHOD_NOT_ALLOWED);
            return;
        }
        Target t = picker.pick(order);
        if (t == null) {
            exchange.reject(TargetPicker.whyNone(order));
            return;
        }
        t.inFlight++;
        exchange.forward(t);
    }

    private void finished(Target t, RequestRecord record) {
        if (t != null && --t.inFlight == 0 && t.state() == TargetState.DRAINING && !t.cut) {
            t.client.close();
        }
        for (RequestRecorder r : recorders) {
            try {
                r.record(record);
            } catch (RuntimeException e) {
                LOG.warn("request recorder {} failed: {}", r, e.toString(), e);
            }
        }
    }

    private void healthResult(Target t, String failureReason) {
        if (targets.get(t.id) != t) {
            return;
        }
        HealthCheckSettings hc = settings.healthCheck();
        TargetState from = t.state();
        changed(t, from, failureReason == null ? t.passed(hc) : t.failed(hc, failureReason));
    }

    private void finishDraining(Target t) {
        if (t.state() != TargetState.DRAINING) {
            return;
        }
        // ALB closes what is left when the delay ends; requests still in flight get 502.
        t.cut = t.inFlight > 0;
        t.client.close();
        targets.remove(t.id);
        order.remove(t);
        changed(t, TargetState.DRAINING, t.unused());
    }

    /** Announces what {@code t}'s state machine did; {@code to} is null when the state stayed. */
    private void changed(Target t, TargetState from, TargetState to) {
        if (to != null) {
            announce(t, from, to);
        }
    }

    private void announce(Target t, TargetState from, TargetState to) {
        Instant at = clock.get();
        for (TargetStateListener l : stateListeners) {
            try {
                l.targetChanged(t.id, from, to, at);
            } catch (RuntimeException e) {
                LOG.warn("target state listener {} failed on {} {} -> {}: {}", l, t.id, from, to, e.toString(), e);
            }
        }
    }

    private Future<Void> onContext(Runnable action) {
        Context ctx = requireStarted();
        Promise<Void> done = Promise.promise();
        ctx.runOnContext(v -> {
            try {
                action.run();
                done.complete();
            } catch (RuntimeException e) {
                done.fail(e);
            }
        });
        return done.future();
    }

    private Context requireStarted() {
        Context ctx = context;
        if (ctx == null) {
            throw new IllegalStateException("start the balancer before registering targets");
        }
        return ctx;
    }

    /** Runs on undeploy: stops every timer and closes the server and every client. */
    private Future<Void> shutdown() {
        List<Future<Void>> closing = new ArrayList<>();
        for (Target t : order) {
            health.stop(t);
            vertx.cancelTimer(t.drainTimer);
            closing.add(t.client.close());
        }
        closing.add(health.close());
        if (server != null) {
            closing.add(server.close());
        }
        return Future.join(closing).mapEmpty();
    }

    /** Stops listening and checking, closes every connection; completes when all is released. */
    public Future<Void> stop() {
        String id = deploymentId;
        if (id == null) {
            return Future.succeededFuture();
        }
        deploymentId = null;
        return vertx.undeploy(id);
    }

    /** Blocking {@link #stop()}; never call it on an event loop. */
    @Override
    public void close() {
        stop().await();
    }
}
