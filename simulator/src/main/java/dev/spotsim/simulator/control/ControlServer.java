package dev.spotsim.simulator.control;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control port's HTTP server: bound to the configured host only (never the wildcard unless
 * asked), HTTP/1.1 only, and with limits so a malformed or slow request gets a 4xx or a closed
 * connection, never a hang.
 */
public final class ControlServer {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    /** A request line past this is answered 414. */
    public static final int MAX_REQUEST_LINE = 8192;
    /** Headers past this in total are answered 431. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    /** A connection must finish sending a request's headers this soon after it opens or its last answer. */
    public static final Duration HEADER_DEADLINE = Duration.ofSeconds(10);
    /** A connection idle this long is closed (event streams send a heartbeat well within it). */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    private final Vertx vertx;
    private final Duration headerDeadline;
    /** Connections that owe their next request's headers, with the timer that closes them. */
    private final Map<HttpConnection, Long> awaitingHeaders = new ConcurrentHashMap<>();

    private ControlServer(Vertx vertx, Duration headerDeadline) {
        this.vertx = vertx;
        this.headerDeadline = headerDeadline;
    }

    /** Listens on {@code host:port} (0: a free port) with the control API's limits. */
    public static Future<HttpServer> listen(Vertx vertx, String host, int port, Router router) {
        return listen(vertx, host, port, router, HEADER_DEADLINE);
    }

    static Future<HttpServer> listen(Vertx vertx, String host, int port, Router router, Duration headerDeadline) {
        ControlServer guard = new ControlServer(vertx, headerDeadline);
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
                // An Upgrade: h2c request left the connection hanging after its 400; HTTP/1.1 is all the API speaks.
                .setHttp2ClearTextEnabled(false)
                .setMaxInitialLineLength(MAX_REQUEST_LINE).setMaxHeaderSize(MAX_HEADER_BYTES)
                .setIdleTimeout((int) IDLE_TIMEOUT.toSeconds());
        return vertx.createHttpServer(options)
                .connectionHandler(guard::opened)
                .invalidRequestHandler(ControlServer::invalid)
                .exceptionHandler(e -> LOG.debug("control connection failed: {}", e.toString()))
                .requestHandler(request -> guard.arrived(request, router))
                .listen(port, host);
    }

    private void opened(HttpConnection connection) {
        expectHeaders(connection);
        connection.closeHandler(v -> {
            Long timer = awaitingHeaders.remove(connection);
            if (timer != null) {
                vertx.cancelTimer(timer);
            }
        });
    }

    private void expectHeaders(HttpConnection connection) {
        long timer = vertx.setTimer(headerDeadline.toMillis(), id -> {
            if (awaitingHeaders.remove(connection, id)) {
                LOG.debug("control connection from {} sent no complete request within {}", connection.remoteAddress(), headerDeadline);
                connection.close();
            }
        });
        awaitingHeaders.put(connection, timer);
    }

    private void arrived(HttpServerRequest request, Router router) {
        HttpConnection connection = request.connection();
        Long timer = awaitingHeaders.remove(connection);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
        request.response().endHandler(v -> {
            if (!request.response().closed()) {
                expectHeaders(connection);
            }
        });
        RequestTarget.Refusal refusal = RequestTarget.check(request.uri());
        if (refusal != null) {
            LOG.debug("control API refused {}: {}", request.method(), refusal.message());
            ControlHttp.writeError(request.response(), refusal.status(), refusal.code(), refusal.message());
            return;
        }
        router.handle(request);
    }

    /** Requests Netty could not parse: answered with the API's JSON error, then the connection closes. */
    private static void invalid(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status = cause instanceof TooLongHttpLineException ? 414 : cause instanceof TooLongHttpHeaderException ? 431 : 400;
        String code = status == 414 ? "uri_too_long" : status == 431 ? "headers_too_large" : "bad_request";
        String message = status == 414 ? "request line above " + MAX_REQUEST_LINE + " bytes"
                : status == 431 ? "request headers above " + MAX_HEADER_BYTES + " bytes" : "malformed HTTP request";
        LOG.debug("control API refused a malformed request: {}", message);
        request.response().putHeader("Connection", "close");
        ControlHttp.writeError(request.response(), status, code, message);
    }
}
