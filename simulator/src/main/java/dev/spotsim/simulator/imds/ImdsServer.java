package dev.spotsim.simulator.imds;

import dev.spotsim.simulator.fleet.Fleet;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.instance.InstanceState;
import java.util.function.Supplier;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Deployable;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One metadata endpoint per simulated instance, each on its own port, so an unmodified client
 * sees exactly one instance. A port stops listening when its instance shuts down or stops
 * (connection refused, as on a gone instance) and listens again when the instance comes back.
 */
public final class ImdsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImdsServer.class);
    private final Vertx vertx;
    private final Fleet fleet;
    private final String host;
    private final int listenersPerPort;
    private final ImdsHandler handler;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final int basePort;
    /** Long enough for any client's idle keep-alive reuse to be rare, short enough that slow connections go. */
    public static final Duration DEFAULT_REQUEST_DEADLINE = Duration.ofSeconds(30);
    private final Duration requestDeadline;
    /** When the identity signing keys are made, counted from the server's creation. */
    private static final Duration KEYS_AFTER = Duration.ofSeconds(2);
    private final IdentitySigner signer;
    private final AtomicInteger nextOffset = new AtomicInteger();

    /**
     * @param listenersPerPort how many event loops accept on each port (more spreads one busy
     *                         instance over cores; one is right for large fleets)
     * @param basePort         the first instance's port, the next ones consecutive; 0 gives each a free port
     */
    public ImdsServer(Vertx vertx, Fleet fleet, TokenService tokens, String host, int listenersPerPort, int basePort) {
        this(vertx, fleet, tokens, host, listenersPerPort, basePort, DEFAULT_REQUEST_DEADLINE);
    }

    /**
     * @param requestDeadline how long a connection may take to deliver a complete request head, counted
     *                        from its opening or its last answer, before it is closed
     */
    public ImdsServer(Vertx vertx, Fleet fleet, TokenService tokens, String host, int listenersPerPort, int basePort,
                      Duration requestDeadline) {
        this.basePort = basePort;
        this.vertx = vertx;
        this.fleet = fleet;
        this.host = host;
        this.listenersPerPort = Math.max(1, listenersPerPort);
        this.requestDeadline = requestDeadline;
        this.signer = new IdentitySigner();
        this.handler = new ImdsHandler(vertx, fleet.clock(), tokens, new MetadataTree(signer));
        fleet.addListener(this::instanceChanged);
        // Key generation takes a moment of CPU: off the event loops, and after start-up rather than
        // competing with it (a request that comes earlier makes the key it needs itself).
        vertx.setTimer(KEYS_AFTER.toMillis(), id -> vertx.executeBlocking(() -> {
            for (IdentitySigner.Kind kind : IdentitySigner.Kind.values()) {
                signer.certificatePem(kind);
            }
            return null;
        }));
    }

    /** Signs identity documents; its certificates verify {@code dynamic/instance-identity/*}. */
    public IdentitySigner identitySigner() {
        return signer;
    }

    /** Completes with the instance's port once its metadata endpoint listens (every launched instance gets one). */
    public Future<Integer> ready(String instanceId) {
        Endpoint e = endpoints.get(instanceId);
        return e == null ? Future.failedFuture(new IllegalArgumentException("no instance " + instanceId)) : e.firstListen.map(v -> e.port);
    }

    private final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

    private void open(String instanceId) {
        int port;
        try {
            // Choose the port now, so it is known (control API, workloads' env) before the listen completes.
            port = basePort == 0 ? unusedFreePort() : basePort + nextOffset.getAndIncrement();
        } catch (IOException e) {
            LOG.error("no free port for the metadata endpoint of {}: {}", instanceId, e.getMessage());
            return;
        }
        if (port > 65535) {
            LOG.error("no port left for the metadata endpoint of {} (ports {}..65535 are used up)", instanceId, basePort);
            return;
        }
        Endpoint endpoint = new Endpoint(instanceId, fleet.liveView(instanceId), port);
        endpoints.put(instanceId, endpoint);
        endpoint.firstListen = endpoint.listen();
    }

    /** The port an instance's metadata answers on, or -1 when it has none. */
    public int port(String instanceId) {
        Endpoint e = endpoints.get(instanceId);
        return e == null ? -1 : e.port;
    }

    private void instanceChanged(InstanceView before, InstanceView after) {
        if (before == null) {
            open(after.instanceId());
            return;
        }
        Endpoint endpoint = endpoints.get(after.instanceId());
        if (endpoint == null) {
            return;
        }
        boolean wasUp = answers(before.state());
        boolean isUp = answers(after.state());
        if (wasUp && !isUp) {
            endpoint.stop();
        } else if (!wasUp && isUp) {
            endpoint.listen();
        }
    }

    /** A pending instance is booting and already has its metadata service; a gone or stopped one has none. */
    private static boolean answers(InstanceState state) {
        return state.isUp() || state == InstanceState.PENDING;
    }

    /**
     * A free port no endpoint was given yet: binding happens later, asynchronously, so the kernel
     * may offer a port again before its first taker listens on it.
     */
    private int unusedFreePort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = freePort(host);
            if (handedOut.add(port)) {
                return port;
            }
        }
        throw new IOException("the kernel kept offering ports already given to other instances");
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }

    /** Stops every endpoint; completes when all ports are released. */
    public Future<Void> closeAll() {
        List<Future<Void>> closing = endpoints.values().stream().map(Endpoint::stop).toList();
        return Future.all(closing).mapEmpty();
    }

    @Override
    public void close() {
        closeAll().await();
    }

    /** The servers of one instance; start and stop are chained so they never overlap. */
    private final class Endpoint {
        private final String instanceId;
        private final Supplier<InstanceView> instance;
        private final int port;
        private volatile String deploymentId;
        private volatile Future<Void> firstListen;
        private Future<Void> last = Future.succeededFuture();

        Endpoint(String instanceId, Supplier<InstanceView> instance, int port) {
            this.instanceId = instanceId;
            this.instance = instance;
            this.port = port;
        }

        synchronized Future<Void> listen() {
            last = last.transform(ignored -> bind());
            return last;
        }

        synchronized Future<Void> stop() {
            last = last.transform(ignored -> unbind());
            return last;
        }

        private Future<Void> bind() {
            if (deploymentId != null) {
                return Future.succeededFuture();
            }
            // IMDS speaks HTTP/1.x only: an "Upgrade: h2c" request is answered as HTTP/1.1, never left hanging.
            HttpServerOptions options = new HttpServerOptions().setHost(host).setReuseAddress(true).setTcpNoDelay(true)
                    .setHttp2ClearTextEnabled(false);
            // Vert.x shares one port among the instances of a deployment, round-robin over event loops.
            int bindPort = port;
            Supplier<Deployable> listener = () -> context -> {
                RequestDeadlines deadlines = new RequestDeadlines(context.owner(), requestDeadline);
                // listen(port) alone would bind every address; the configured host only is wanted.
                return context.owner().createHttpServer(options)
                        .connectionHandler(deadlines::opened)
                        .requestHandler(r -> {
                            deadlines.requestArrived(r);
                            handler.handle(r, instance);
                        })
                        .listen(bindPort, host);
            };
            return vertx.deployVerticle(listener, new DeploymentOptions().setInstances(listenersPerPort))
                    .onSuccess(id -> deploymentId = id)
                    .onFailure(e -> LOG.error("IMDS for {} cannot listen on {}:{}: {}", instanceId, host, bindPort, e.getMessage()))
                    .mapEmpty();
        }

        private Future<Void> unbind() {
            if (deploymentId == null) {
                return Future.succeededFuture();
            }
            String id = deploymentId;
            deploymentId = null;
            return vertx.undeploy(id);
        }
    }
}
