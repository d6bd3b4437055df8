package dev.spotsim.simulator.balancer;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Real targets on loopback port 0: HTTP servers with switchable health, and raw TCP misbehavers. All closed by {@link #close()}. */
final class TestTargets implements AutoCloseable {
    private final Vertx vertx;
    private final List<Supplier<Future<Void>>> closers = new ArrayList<>();

    TestTargets(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * An HTTP target answering its name at any path, with: {@code /health} (200 or 503 per {@link Http#healthy}),
     * {@code /slow?ms=N} (its name after N ms), {@code /hang} (never), {@code /echo} (the request's headers
     * as JSON plus its body), {@code /stream?chunks=N} (N chunks, chunked encoding).
     */
    Http http(String name) {
        Http target = new Http(name);
        var server = vertx.createHttpServer().connectionHandler(c -> target.open(c)).requestHandler(target::handle)
                .listen(0, "127.0.0.1").await();
        target.port = server.actualPort();
        closers.add(server::close);
        return target;
    }

    /** A TCP server that reads the request and closes the connection without a word (FIN, no response). */
    int closesConnection() {
        var server = vertx.createNetServer().connectHandler(socket -> socket.handler(data -> socket.close()))
                .listen(0, "127.0.0.1").await();
        closers.add(server::close);
        return server.actualPort();
    }

    /** A TCP server that answers every request with something that is not HTTP. */
    int answersGarbage() {
        var server = vertx.createNetServer().connectHandler(socket -> socket.handler(data -> socket.write("NOT-HTTP garbage\r\n\r\n")))
                .listen(0, "127.0.0.1").await();
        closers.add(server::close);
        return server.actualPort();
    }

    /** A loopback port nothing listens on (connection refused). */
    static int refusingPort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        closers.forEach(c -> c.get().await());
    }

    /** One HTTP target and what it saw. */
    final class Http {
        final String name;
        int port;
        final AtomicBoolean healthy = new AtomicBoolean(true);
        final AtomicInteger served = new AtomicInteger();
        final AtomicInteger healthChecks = new AtomicInteger();
        final AtomicInteger openConnections = new AtomicInteger();
        final Set<HttpConnection> servingConnections = ConcurrentHashMap.newKeySet();
        final Set<HttpConnection> healthConnections = ConcurrentHashMap.newKeySet();
        final AtomicInteger slowArrived = new AtomicInteger();
        final AtomicInteger hangClosed = new AtomicInteger();
        volatile MultiMap lastHealthHeaders;

        private Http(String name) {
            this.name = name;
        }

        private void open(HttpConnection connection) {
            openConnections.incrementAndGet();
            connection.closeHandler(v -> openConnections.decrementAndGet());
        }

        private void handle(HttpServerRequest r) {
            if (r.path().equals("/health")) {
                healthChecks.incrementAndGet();
                healthConnections.add(r.connection());
                lastHealthHeaders = r.headers();
                r.response().setStatusCode(healthy.get() ? 200 : 503).end();
                return;
            }
            served.incrementAndGet();
            servingConnections.add(r.connection());
            switch (r.path()) {
                case "/slow" -> {
                    slowArrived.incrementAndGet();
                    vertx.setTimer(Long.parseLong(r.getParam("ms", "700")), id -> r.response().end(name + " slow"));
                }
                case "/hang" -> r.connection().closeHandler(v -> hangClosed.incrementAndGet());
                case "/echo" -> r.body().onSuccess(body -> echo(r, body));
                case "/stream" -> stream(r, Integer.parseInt(r.getParam("chunks", "3")));
                default -> r.response().putHeader("X-Served-By", name).end(name);
            }
        }

        private void echo(HttpServerRequest r, Buffer body) {
            JsonObject headers = new JsonObject();
            r.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            r.response().putHeader("Content-Type", "application/json").putHeader("X-Body-Length", Integer.toString(body.length()))
                    .end(new JsonObject().put("method", r.method().name()).put("uri", r.uri()).put("headers", headers)
                            .put("body", body.toString()).encode());
        }

        private void stream(HttpServerRequest r, int chunks) {
            r.response().setChunked(true);
            for (int i = 0; i < chunks; i++) {
                r.response().write("chunk-" + i + ";");
            }
            r.response().end();
        }
    }
}
