package dev.spotsim.simulator.balancer;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One target's pool of keep-alive connections, on plain Netty and the balancer's own event loop (a
 * request costs no future, endpoint lookup or pool lock): the most recently used idle connection
 * first, at most {@link #MAX_CONNECTIONS} open with later requests queued in order, connections
 * idle past the idle timeout closed as ALB closes them, and every connection closed at once when
 * the target's deregistration completes. One periodic sweep (every tenth of the idle timeout, 10 ms
 * to 1 s) enforces both idle timeouts, so a timeout fires up to a tenth late. Touched only on the balancer's event loop.
 */
final class TargetConnections {
    /** Open connections per target; requests beyond wait for one to come back. */
    static final int MAX_CONNECTIONS = 512;
    private final Bootstrap bootstrap;
    private final InetSocketAddress address;
    private final long idleTimeoutNanos;
    private final ArrayDeque<TargetConnection> idle = new ArrayDeque<>();
    private final Set<TargetConnection> open = new HashSet<>();
    private final ArrayDeque<TargetConnection.Exchange> waiting = new ArrayDeque<>();
    private final ScheduledFuture<?> sweeper;
    private boolean closed;

    /** @param idleTimeout how long a request may wait for data from the target, and a connection stay unused */
    TargetConnections(EventLoop loop, ChannelFactory<? extends Channel> channels, String host, int port, Duration idleTimeout) {
        this.address = new InetSocketAddress(host, port);
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.bootstrap = new Bootstrap().group(loop).channelFactory(channels)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) TargetGroupSettings.CONNECT_TIMEOUT.toMillis());
        long sweep = Math.max(10, Math.min(1000, idleTimeout.toMillis() / 10));
        this.sweeper = loop.scheduleWithFixedDelay(this::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    /** Gives {@code exchange} a connection: an idle one, a new one, or the next one to come back. */
    void acquire(TargetConnection.Exchange exchange) {
        TargetConnection c;
        while ((c = idle.pollFirst()) != null) {
            if (c.isActive()) {
                c.serve(exchange);
                return;
            }
        }
        if (closed) {
            exchange.failed(new ClosedChannelException());
        } else if (open.size() >= MAX_CONNECTIONS) {
            waiting.addLast(exchange);
        } else {
            connect(exchange);
        }
    }

    /** {@code exchange} no longer wants the connection it waits for. */
    void cancel(TargetConnection.Exchange exchange) {
        waiting.remove(exchange);
    }

    private void connect(TargetConnection.Exchange exchange) {
        TargetConnection c = new TargetConnection(this, idleTimeoutNanos);
        open.add(c);
        ChannelFuture connecting = bootstrap.clone().handler(new io.netty.channel.ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                c.channel = ch;
                ch.pipeline().addLast(new HttpClientCodec(), c);
            }
        }).connect(address);
        connecting.addListener(done -> {
            if (done.isSuccess()) {
                c.serve(exchange);
            } else {
                open.remove(c);
                exchange.failed(done.cause());
                serveWaiting();
            }
        });
    }

    /** A connection finished its exchange and may serve another. */
    void released(TargetConnection c) {
        if (closed) {
            c.channel.close();
            return;
        }
        TargetConnection.Exchange next = waiting.pollFirst();
        if (next != null) {
            c.serve(next);
            return;
        }
        c.idleSinceNanos = System.nanoTime();
        idle.addFirst(c);
    }

    /** A connection closed (either side): a slot for a waiting request. */
    void closed(TargetConnection c) {
        open.remove(c);
        idle.remove(c);
        serveWaiting();
    }

    private void serveWaiting() {
        if (!closed && !waiting.isEmpty() && open.size() < MAX_CONNECTIONS) {
            connect(waiting.pollFirst());
        }
    }

    /** Fails requests whose target went silent; closes pooled connections unused for the timeout. */
    private void sweep() {
        long now = System.nanoTime();
        for (TargetConnection c : List.copyOf(open)) {
            c.checkIdle(now);
        }
        // The least recently used connections sit at the tail.
        TargetConnection oldest;
        while ((oldest = idle.peekLast()) != null && now - oldest.idleSinceNanos >= idleTimeoutNanos) {
            idle.pollLast().channel.close();
        }
    }

    /** Closes every connection (in-flight exchanges fail); completes when all are closed. */
    Future<Void> close() {
        closed = true;
        sweeper.cancel(false);
        List<Future<Void>> closing = new ArrayList<>();
        for (TargetConnection c : List.copyOf(open)) {
            if (c.channel != null) {
                Promise<Void> p = Promise.promise();
                c.channel.close().addListener(f -> p.complete());
                closing.add(p.future());
            }
        }
        TargetConnection.Exchange w;
        while ((w = waiting.pollFirst()) != null) {
            w.failed(new ClosedChannelException());
        }
        return Future.join(closing).mapEmpty();
    }
}
