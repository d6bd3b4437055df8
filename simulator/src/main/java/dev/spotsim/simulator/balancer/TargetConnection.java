package dev.spotsim.simulator.balancer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One keep-alive HTTP/1.1 connection to a target, serving one exchange at a time: it passes the
 * target's response to the exchange as Netty decodes it, and fails the exchange when the target
 * closes or resets the connection, answers something that is not HTTP, or sends nothing for the
 * idle timeout (its pool's sweep checks; a request costs no timer of its own).
 * Touched only on the balancer's event loop.
 */
final class TargetConnection extends ChannelInboundHandlerAdapter {
    /** What a connection reports to the request it serves. */
    interface Exchange {
        /** The connection is this exchange's now: send the request. */
        void connected(TargetConnection connection);

        /** The target's status line and headers. */
        void response(HttpResponse head);

        /** A piece of the body; the exchange owns (and releases) it. {@code last}: the answer is complete. */
        void content(HttpContent chunk, boolean last);

        /** The exchange with the target failed; the connection is closed already. */
        void failed(Throwable cause);

        /** The connection can take more of the request body again. */
        void writable();
    }

    private final TargetConnections pool;
    private final long idleTimeoutNanos;
    Channel channel;
    private Exchange exchange;
    private long lastActivityNanos;
    /** When it went back to the pool, for closing connections idle past the timeout. */
    long idleSinceNanos;
    /** An interim 1xx answer is being skipped (its end is not the answer's end). */
    private boolean skippingInterim;

    TargetConnection(TargetConnections pool, long idleTimeoutNanos) {
        this.pool = pool;
        this.idleTimeoutNanos = idleTimeoutNanos;
    }

    boolean isActive() {
        return channel != null && channel.isActive();
    }

    boolean isWritable() {
        return channel.isWritable();
    }

    /** Hands the connection to {@code to}, which sends its request at once. */
    void serve(Exchange to) {
        exchange = to;
        to.connected(this);
    }

    /** Writes part of the request; failures reach {@link #exceptionCaught}. */
    void send(HttpObject message, boolean flush) {
        // Like ALB's idle timeout, data either way counts as activity.
        lastActivityNanos = System.nanoTime();
        if (flush) {
            channel.writeAndFlush(message, channel.voidPromise());
        } else {
            channel.write(message, channel.voidPromise());
        }
    }

    /** Stops (or restarts) reading the target's answer while the client cannot take more. */
    void reading(boolean on) {
        channel.config().setAutoRead(on);
    }

    /** The exchange is over: back to the pool when {@code reusable}, else closed. */
    void release(boolean reusable) {
        detach();
        channel.config().setAutoRead(true);
        if (reusable && channel.isActive()) {
            pool.released(this);
        } else {
            channel.close();
        }
    }

    /** The exchange gave up (its client left): closes the connection without telling it. */
    void abort() {
        detach();
        channel.close();
    }

    private Exchange detach() {
        Exchange was = exchange;
        exchange = null;
        return was;
    }

    private void fail(Throwable cause) {
        Exchange was = detach();
        channel.close();
        if (was != null) {
            was.failed(cause);
        }
    }

    /** Called by the pool's sweep: fails the exchange when the target has sent nothing for the idle timeout. */
    void checkIdle(long now) {
        if (exchange != null && now - lastActivityNanos >= idleTimeoutNanos) {
            fail(new TimeoutException("no data to or from the target for " + TimeUnit.NANOSECONDS.toMillis(idleTimeoutNanos) + " ms"));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Exchange to = exchange;
        if (to == null || !(msg instanceof HttpObject object)) {
            // Nothing was asked: an unsolicited answer makes the connection unusable.
            ReferenceCountUtil.release(msg);
            fail(new IOException("the target sent data no request asked for"));
            return;
        }
        lastActivityNanos = System.nanoTime();
        if (object.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            Throwable cause = object.decoderResult().cause();
            fail(cause instanceof DecoderException ? cause : new DecoderException(cause));
            return;
        }
        if (msg instanceof HttpResponse head) {
            // 1xx (other than a switch, which never happens as Upgrade does not cross) precedes the real answer.
            skippingInterim = head.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL;
            if (!skippingInterim) {
                to.response(head);
            }
        }
        if (msg instanceof HttpContent chunk) {
            boolean last = chunk instanceof LastHttpContent;
            if (skippingInterim) {
                chunk.release();
                skippingInterim = !last;
            } else {
                to.content(chunk, last);
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null && ctx.channel().isWritable()) {
            exchange.writable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pool.closed(this);
        if (exchange != null) {
            fail(new IOException("the target closed the connection"));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause);
    }
}
