package dev.spotsim.simulator.balancer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.headers.Http1xHeaders;
import io.vertx.core.internal.buffer.BufferInternal;
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
    private final Supplier<Instant> clock;
    private final BiConsumer<Target, RequestRecord> done;
    /** The listener's port as X-Forwarded-Port carries it. */
    private String listenerPort = "";

    Proxy(Supplier<Instant> clock, BiConsumer<Target, RequestRecord> done) {
        this.clock = clock;
        this.done = done;
    }

    void listenerPort(int port) {
        listenerPort = Integer.toString(port);
    }

    /** Starts an exchange: notes its arrival time before anything else happens. */
    Exchange begin(HttpServerRequest request) {
        return new Exchange(request, clock.get(), System.nanoTime());
    }

    /** One request through the balancer. */
    final class Exchange implements TargetConnection.Exchange {
        private final HttpServerRequest request;
        private final Instant start;
        private final long startNanos;
        private Target target;
        private TargetConnection connection;
        /** The whole request has gone to the target (a connection is reusable only then). */
        private boolean requestSent;
        /** The target's status, once its answer's head arrived; 0 before. */
        private int status;
        private boolean keepAlive;
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
            if (hasBody(request)) {
                // Holds the body until a connection to the target is there to take it.
                request.pause();
            }
            request.response().closeHandler(v -> clientGone());
            to.connections.acquire(this);
        }

        @Override
        public void connected(TargetConnection connection) {
            if (finished) {
                connection.release(true);
                return;
            }
            this.connection = connection;
            // Straight into the outgoing request, which Netty encodes as it is: no header map copied per request.
            Http1xHeaders headers = Http1xHeaders.httpHeaders();
            ForwardedHeaders.toTarget(request, headers, listenerPort, start.getEpochSecond());
            if (request.authority() == null) {
                // ALB passes the client's Host header unchanged; a request without one (HTTP/1.0) gets the target's.
                headers.set(HttpHeaderNames.HOST, target.hostHeader);
            }
            io.netty.handler.codec.http.HttpMethod method = io.netty.handler.codec.http.HttpMethod.valueOf(request.method().name());
            if (!hasBody(request)) {
                connection.send(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, request.uri(), Unpooled.EMPTY_BUFFER,
                        headers, EmptyHttpHeaders.INSTANCE), true);
                requestSent = true;
                return;
            }
            // Streams the client's body as it arrives; chunked unless the client sent a Content-Length.
            if (!headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
                headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            }
            connection.send(new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, request.uri(), headers), false);
            request.handler(this::sendBody);
            request.endHandler(v -> sendEnd());
            request.resume();
        }

        private void sendBody(Buffer data) {
            TargetConnection c = connection;
            if (c != null) {
                c.send(new DefaultHttpContent(((BufferInternal) data).getByteBuf()), true);
                if (!c.isWritable()) {
                    request.pause();
                }
            }
        }

        private void sendEnd() {
            if (connection != null) {
                connection.send(LastHttpContent.EMPTY_LAST_CONTENT, true);
                requestSent = true;
            }
        }

        @Override
        public void writable() {
            if (!requestSent && !finished) {
                request.resume();
            }
        }

        @Override
        public void response(HttpResponse head) {
            if (finished) {
                return;
            }
            status = head.status().code();
            keepAlive = HttpUtil.isKeepAlive(head);
            HttpServerResponse response = request.response();
            response.setStatusCode(status).setStatusMessage(head.status().reasonPhrase());
            HttpHeaders from = head.headers();
            ForwardedHeaders.copyEndToEnd(from, from.get(HttpHeaderNames.CONNECTION), response.headers());
            if (!from.contains(HttpHeaderNames.CONTENT_LENGTH) && bodyAllowed(request.method(), status)) {
                response.setChunked(true);
            }
        }

        @Override
        public void content(HttpContent chunk, boolean last) {
            if (finished) {
                chunk.release();
                return;
            }
            HttpServerResponse response = request.response();
            ByteBuf data = chunk.content();
            if (last) {
                connection.release(requestSent && keepAlive);
                connection = null;
                // The response's write completes once Netty has taken the bytes: only then is the buffer free.
                Future<Void> written = data.isReadable() ? response.end(BufferInternal.buffer(data)) : response.end();
                written.onComplete(ar -> chunk.release());
                if (!requestSent) {
                    // The target answered before taking the whole body: let the rest drain so the client's connection stays usable.
                    readRestOfRequest();
                }
                finish(status, null);
                return;
            }
            if (!data.isReadable()) {
                chunk.release();
                return;
            }
            response.write(BufferInternal.buffer(data)).onComplete(ar -> chunk.release());
            if (response.writeQueueFull()) {
                TargetConnection c = connection;
                c.reading(false);
                response.drainHandler(v -> {
                    if (connection == c) {
                        c.reading(true);
                    }
                });
            }
        }

        @Override
        public void failed(Throwable cause) {
            connection = null;
            if (finished || request.response().closed()) {
                return;
            }
            ErrorCause why = ErrorCause.ofTargetFailure(cause, target.cut);
            if (status != 0) {
                // Too late for an error page: cut the client off so it sees a broken answer, as from ALB.
                request.response().reset();
                finish(status, why);
                return;
            }
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
            if (connection != null) {
                connection.abort();
                connection = null;
            } else if (target != null) {
                target.connections.cancel(this);
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
