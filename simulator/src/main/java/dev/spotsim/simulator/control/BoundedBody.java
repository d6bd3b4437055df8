package dev.spotsim.simulator.control;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;

/**
 * Reads a request body up to a limit, as raw bytes: never decodes forms (Netty's form decoder
 * answered malformed forms with a 500 or not at all). A body over the limit is read to its end and
 * dropped, then answered 413, so the client reads the answer instead of a connection reset; one
 * that declares more than can sensibly be drained, or waits for {@code 100 Continue}, is answered
 * 413 at once.
 */
public final class BoundedBody implements Handler<RoutingContext> {
    /** Past this many dropped bytes the connection is closed: a client that never stops is not drained forever. */
    private static final long DRAIN_LIMIT_BYTES = 32L * 1024 * 1024;

    private final int limitBytes;

    public BoundedBody(int limitBytes) {
        this.limitBytes = limitBytes;
    }

    @Override
    public void handle(RoutingContext ctx) {
        RoutingContextInternal internal = (RoutingContextInternal) ctx;
        if (internal.seenHandler(RoutingContextInternal.BODY_HANDLER)) {
            ctx.next();
            return;
        }
        // Later body handlers (the AWS routes' own) see the body as read already.
        internal.visitHandler(RoutingContextInternal.BODY_HANDLER);
        HttpServerRequest request = ctx.request();
        long declared = declaredLength(request.getHeader("Content-Length"));
        if (declared == -2) {
            ControlHttp.refuse(ctx, 400, "bad_request", "Content-Length is not a number");
            return;
        }
        Reader reader = new Reader(ctx, internal);
        boolean waitsForContinue = "100-continue".equalsIgnoreCase(request.getHeader("Expect"));
        if (declared > limitBytes && (waitsForContinue || declared > DRAIN_LIMIT_BYTES)) {
            ctx.response().putHeader("Connection", "close");
            ControlHttp.refuse(ctx, 413, "body_too_large", tooLargeMessage());
            return;
        }
        if (waitsForContinue) {
            ctx.response().writeContinue();
        }
        request.handler(reader::chunk);
        request.endHandler(v -> reader.end());
        request.exceptionHandler(e -> ControlHttp.refuse(ctx, 400, "bad_request", "the request body could not be read"));
        request.resume();
    }

    private String tooLargeMessage() {
        return "request body above " + limitBytes + " bytes";
    }

    /** -1: absent; -2: not a number. */
    private static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            long n = Long.parseLong(header.trim());
            return n < 0 ? -2 : n;
        } catch (NumberFormatException e) {
            return -2;
        }
    }

    /** The state of one body being read. */
    private final class Reader {
        private final RoutingContext ctx;
        private final RoutingContextInternal internal;
        private final Buffer body = Buffer.buffer();
        private long dropped;
        private boolean tooLarge;

        Reader(RoutingContext ctx, RoutingContextInternal internal) {
            this.ctx = ctx;
            this.internal = internal;
        }

        void chunk(Buffer chunk) {
            if (!tooLarge && body.length() + chunk.length() > limitBytes) {
                tooLarge = true;
            }
            if (tooLarge) {
                dropped += chunk.length();
                if (dropped > DRAIN_LIMIT_BYTES) {
                    ctx.response().putHeader("Connection", "close");
                    ControlHttp.refuse(ctx, 413, "body_too_large", tooLargeMessage());
                }
                return;
            }
            body.appendBuffer(chunk);
        }

        void end() {
            if (ctx.response().ended()) {
                return;
            }
            if (tooLarge) {
                ControlHttp.refuse(ctx, 413, "body_too_large", tooLargeMessage());
                return;
            }
            internal.setBody(body);
            ctx.next();
        }
    }
}
