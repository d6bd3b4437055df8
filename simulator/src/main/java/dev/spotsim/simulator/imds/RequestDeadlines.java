package dev.spotsim.simulator.imds;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Closes a connection that has not delivered a complete request head within the deadline, counted
 * from when it opened or from the end of its last answer: a client trickling headers (slowloris) or an
 * idle keep-alive connection is let go instead of held forever. One sweep timer per event loop checks
 * every connection a few times per deadline, so a request costs a field write, not a timer. One
 * instance per event loop: its map is only ever touched from that loop's thread.
 */
final class RequestDeadlines {
    /** {@link Waiting#since} while a request is being answered: no deadline runs. */
    private static final long ANSWERING = Long.MIN_VALUE;
    private static final int SWEEPS_PER_DEADLINE = 4;
    private final Vertx vertx;
    private final long deadlineNanos;
    private final long sweepMillis;
    private final Map<HttpConnection, Waiting> connections = new HashMap<>();
    private long sweepTimer = -1;

    /** Since when a connection has been waiting for a request head (System.nanoTime), or {@link #ANSWERING}. */
    private static final class Waiting {
        long since;
    }

    RequestDeadlines(Vertx vertx, Duration deadline) {
        this.vertx = vertx;
        this.deadlineNanos = Math.max(1, deadline.toNanos());
        this.sweepMillis = Math.max(10, deadline.toMillis() / SWEEPS_PER_DEADLINE);
    }

    void opened(HttpConnection connection) {
        Waiting waiting = new Waiting();
        waiting.since = System.nanoTime();
        connections.put(connection, waiting);
        connection.closeHandler(v -> connections.remove(connection));
        if (sweepTimer < 0) {
            sweepTimer = vertx.setPeriodic(sweepMillis, id -> sweep());
        }
    }

    /** The request head is complete: no deadline while it is answered; the next one starts when the answer ends. */
    void requestArrived(HttpServerRequest request) {
        Waiting waiting = connections.get(request.connection());
        if (waiting == null) {
            return;
        }
        waiting.since = ANSWERING;
        request.response().endHandler(v -> waiting.since = System.nanoTime());
    }

    private void sweep() {
        if (connections.isEmpty()) {
            vertx.cancelTimer(sweepTimer);
            sweepTimer = -1;
            return;
        }
        long now = System.nanoTime();
        List<HttpConnection> late = new ArrayList<>();
        connections.forEach((connection, waiting) -> {
            if (waiting.since != ANSWERING && now - waiting.since >= deadlineNanos) {
                late.add(connection);
            }
        });
        late.forEach(HttpConnection::close);
    }
}
