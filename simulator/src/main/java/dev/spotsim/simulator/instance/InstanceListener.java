package dev.spotsim.simulator.instance;

/** Told about every change to an instance, after it happened (IMDS ports, events and tests listen). */
@FunctionalInterface
public interface InstanceListener {
    /** {@code before} is null when the instance has just been launched. */
    void changed(InstanceView before, InstanceView after);
}
