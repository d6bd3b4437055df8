package dev.spotsim.simulator.fleet;

import dev.spotsim.simulator.instance.InstanceView;
import java.util.concurrent.CompletionStage;

/**
 * Holds an Auto Scaling group's termination of an instance it chose to end (scale-in, Capacity
 * Rebalancing) until the instance may go: the platform drains its tasks first, a lifecycle hook
 * waits for CONTINUE or ABANDON. A Spot action does not wait for any gate: it takes the instance
 * at the action time, and a termination still held then finds nothing left to terminate.
 */
@FunctionalInterface
public interface TerminationGate {
    /**
     * Completes once {@code instance} may be terminated ({@code cause} as {@link GroupListener#terminating}
     * hears it). Called on the thread that decided, possibly under the group's lock: never block there.
     */
    CompletionStage<Void> beforeTermination(InstanceView instance, String cause);
}
