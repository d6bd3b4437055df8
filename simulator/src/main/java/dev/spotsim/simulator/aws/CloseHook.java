package dev.spotsim.simulator.aws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;

/**
 * Runs a service's clean-up when the simulator closes its Vert.x instance ({@code SpotSim.close()}
 * always does, last): a verticle whose undeployment runs {@code action} on a worker thread. Used for
 * what must never outlive the simulator, like the processes SSM Run Command starts.
 */
public final class CloseHook {
    private CloseHook() {
    }

    /** Registers {@code action}; it runs once, when {@code vertx} closes. */
    public static void onClose(Vertx vertx, String name, Runnable action) {
        vertx.deployVerticle(new VerticleBase() {
            @Override
            public Future<?> stop() {
                return vertx.executeBlocking(() -> {
                    action.run();
                    return name;
                });
            }
        }).await();
    }

}
