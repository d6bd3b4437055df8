package dev.spotsim.gatling;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/** A real HTTP target on 127.0.0.1, a free port, counting the requests it received by path. */
final class TargetServer implements AutoCloseable {
    private final Vertx vertx;
    private final HttpServer server;
    private final Map<String, AtomicInteger> hits;

    private TargetServer(Vertx vertx, HttpServer server, Map<String, AtomicInteger> hits) {
        this.vertx = vertx;
        this.server = server;
        this.hits = hits;
    }

    /** Starts a server whose routes the caller declares; every request is counted before routing. */
    static TargetServer start(Consumer<Router> routes) throws Exception {
        Vertx vertx = Vertx.vertx();
        Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            hits.computeIfAbsent(ctx.request().method() + " " + ctx.request().path(), key -> new AtomicInteger()).incrementAndGet();
            ctx.next();
        });
        routes.accept(router);
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return new TargetServer(vertx, server, hits);
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.actualPort());
    }

    /** Requests received for "METHOD /path". */
    int hits(String methodAndPath) {
        AtomicInteger count = hits.get(methodAndPath);
        return count == null ? 0 : count.get();
    }

    int totalHits() {
        return hits.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }
}
