package dev.spotsim.simulator.fleet;

import dev.spotsim.simulator.instance.InstanceView;

/** Told when an Auto Scaling group decides to launch or terminate an instance, and why. */
public interface GroupListener {
    void launching(String groupName, InstanceView instance, String cause);

    void terminating(String groupName, InstanceView instance, String cause);

    /** A lifecycle hook holds the instance: one call per hook, with the action's token (default: ignored). */
    default void lifecycleActionStarted(String groupName, LifecycleAction action, InstanceView instance) {
    }
}
