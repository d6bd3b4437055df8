package dev.spotsim.simulator.balancer;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Forwards one client request to one target and its answer back, streaming bodies both ways, and
 * answers with ALB's status when the exchange fails: 502 when the target refuses, resets, closes or
 * answers garbage, 504 when it stays silent past the idle timeout, 460 (logged only) when the client
 * leaves first. Each finished request is handed to {@code done} exactly once, on the event loop.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html
 */
final class Proxy {
    private final TargetGroupSettings settings;
    private final Supplier<Instant> clock;
    private final BiConsumer<Target, RequestRecord> done;
    private int listenerPort;

    Proxy(TargetGroupSettings settings, Supplier<Instant> clock, BiConsumer<Target, RequestRecord> done) {
        this.settings = settings;
        this.clock = clock;
        this.done = done;
    }

    void listenerPort(int port) {
        listenerPort = port;
    }

    /** Starts an exchange: notes its arrival time before anything else happens. */
    Exchange begin(HttpServerRequest request) {
        return new Exchange(request, clock.get(), System.nanoTime());
    }

    /** One request through the balancer. */
    final class Exchange {
        private final HttpServerRequest request;
        private final Instant start;
        private final long startNanos;
        private Target target;
        private HttpClientRequest out;
        private boolean finished;

        private Exchange(HttpServerRequest request, Instant start, long startNanos) {
            this.request = request;
            this.start = start;
            this.startNanos = startNanos;
        }

        /** The balancer answers by itself (503 no targets, 405 TRACE). */
        void reject(ErrorCause cause) {
            AlbResponses.error(request.response(), cause.status());
            finish(cause.status(), cause);
        }

        /** Sends the request to {@code to}, whose in-flight count the caller has already raised. */
        void forward(Target to) {
            target = to;
            request.pause();
            HttpServerResponse response = request.response();
            response.closeHandler(v -> clientGone());
            RequestOptions options = new RequestOptions().setMethod(request.method()).setServer(to.address)
                    .setHost(to.host).setPort(to.port).setURI(request.uri())
                    .setConnectTimeout(TargetGroupSettings.CONNECT_TIMEOUT.toMillis())
                    .setIdleTimeout(settings.targetTimeout().toMillis());
            to.client.request(options).compose(this::send).onComplete(ar -> {
                if (ar.succeeded()) {
                    relay(ar.result());
                } else {
                    failed(ar.cause());
                }
            });
        }

        private Future<HttpClientResponse> send(HttpClientRequest outgoing) {
            out = outgoing;
            // Written straight into the outgoing request: no intermediate header map per request.
            ForwardedHeaders.toTarget(request, outgoing.headers(), listenerPort, start.getEpochSecond());
            if (request.authority() != null) {
                // ALB passes the client's Host header unchanged.
                outgoing.authority(request.authority());
            }
            if (hasBody(request)) {
                // Streams the client's body as it arrives; chunked unless the client sent a Content-Length.
                return outgoing.send(request);
            }
            readRestOfRequest();
            return outgoing.send();
        }

        private void relay(HttpClientResponse in) {
            if (finished) {
                return;
            }
            HttpServerResponse response = request.response();
            response.setStatusCode(in.statusCode()).setStatusMessage(in.statusMessage());
            ForwardedHeaders.copyEndToEnd(in.headers(), response.headers());
            if (!response.headers().contains("Content-Length") && bodyAllowed(request.method(), in.statusCode())) {
                response.setChunked(true);
            }
            in.pipe().endOnFailure(false).to(response).onComplete(ar -> {
                if (ar.succeeded()) {
                    finish(in.statusCode(), null);
                } else if (!response.closed()) {
                    // Too late for an error page: cut the client off so it sees a broken answer, as from ALB.
                    response.reset();
                    finish(in.statusCode(), ErrorCause.ofTargetFailure(ar.cause(), target.cut));
                }
            });
        }

        private void failed(Throwable cause) {
            if (finished || request.response().closed()) {
                return;
            }
            ErrorCause why = ErrorCause.ofTargetFailure(cause, target.cut);
            // Lets an unsent body drain so the client's connection stays usable.
            readRestOfRequest();
            AlbResponses.error(request.response(), why.status());
            finish(why.status(), why);
        }

        private void readRestOfRequest() {
            if (!request.isEnded()) {
                request.resume();
            }
        }

        private void clientGone() {
            // Vert.x also calls this once the response has ended; only an unfinished answer means the client left.
            if (finished || request.response().ended()) {
                return;
            }
            if (out != null) {
                out.reset();
            }
            finish(ErrorCause.CLIENT_CLOSED.status(), ErrorCause.CLIENT_CLOSED);
        }

        private void finish(int status, ErrorCause cause) {
            if (finished) {
                return;
            }
            finished = true;
            Duration latency = Duration.ofNanos(System.nanoTime() - startNanos);
            done.accept(target, new RequestRecord(start, target == null ? null : target.id, status, latency,
                    cause == null ? null : cause.wireName()));
        }
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        return (length != null && !"0".equals(length.trim())) || request.getHeader("Transfer-Encoding") != null;
    }

    private static boolean bodyAllowed(HttpMethod method, int status) {
        return method != HttpMethod.HEAD && status != 204 && status != 304 && status >= 200;
    }
}
