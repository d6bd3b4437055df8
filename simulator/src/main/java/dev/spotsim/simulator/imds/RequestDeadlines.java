package dev.spotsim.simulator.imds;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Closes a connection that has not delivered a complete request head within the deadline, counted
 * from when it opened or from the end of its last answer: a client trickling headers (slowloris) or an
 * idle keep-alive connection is let go instead of held forever. One instance per event loop, so its map
 * is only ever touched from that loop's thread.
 */
final class RequestDeadlines {
    /** Marks an open connection whose request is being answered (no timer running). */
    private static final long ANSWERING = -1;
    private final Vertx vertx;
    private final long deadlineMillis;
    /** Every open connection, with its running timer or {@link #ANSWERING}. */
    private final Map<HttpConnection, Long> connections = new HashMap<>();

    RequestDeadlines(Vertx vertx, Duration deadline) {
        this.vertx = vertx;
        this.deadlineMillis = Math.max(1, deadline.toMillis());
    }

    void opened(HttpConnection connection) {
        arm(connection);
        connection.closeHandler(v -> cancel(connections.remove(connection)));
    }

    /** The request head is complete: no deadline while it is answered; the next one starts when the answer ends. */
    void requestArrived(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        Long timer = connections.replace(connection, ANSWERING);
        if (timer == null) {
            return;
        }
        cancel(timer);
        request.response().endHandler(v -> {
            if (connections.replace(connection, ANSWERING, ANSWERING)) {
                arm(connection);
            }
        });
    }

    private void arm(HttpConnection connection) {
        connections.put(connection, vertx.setTimer(deadlineMillis, id -> connection.close()));
    }

    private void cancel(Long timer) {
        if (timer != null && timer != ANSWERING) {
            vertx.cancelTimer(timer);
        }
    }
}
