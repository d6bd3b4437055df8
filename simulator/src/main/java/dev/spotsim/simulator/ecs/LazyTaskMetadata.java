package dev.spotsim.simulator.ecs;

import io.vertx.core.Vertx;
import java.util.function.Supplier;

/** The ECS task metadata endpoint, started the first time a lane asks for it (only ECS lanes do), closed with its owner. */
public final class LazyTaskMetadata implements Supplier<TaskMetadataServer>, AutoCloseable {
    private final Vertx vertx;
    private final String host;
    private TaskMetadataServer server;
    private boolean closed;

    public LazyTaskMetadata(Vertx vertx, String host) {
        this.vertx = vertx;
        this.host = host;
    }

    /** The endpoint; starts it on first use. Blocks then: never call it on an event loop. */
    @Override
    public synchronized TaskMetadataServer get() {
        if (closed) {
            throw new IllegalStateException("the ECS task metadata endpoint is closed");
        }
        if (server == null) {
            server = TaskMetadataServer.start(vertx, host);
        }
        return server;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (server != null) {
            server.close();
        }
    }
}
