package dev.spotsim.simulator.fleet;

import dev.spotsim.scenarios.model.FleetSpec;

/**
 * A Spot capacity pool: one instance type in one availability zone, with a price (USD per hour)
 * and how many instances it can hold before EC2 has no more capacity there. A view of a scenario's
 * {@link FleetSpec.Pool}, checked by the same rules.
 */
public record SpotPool(String instanceType, String availabilityZone, double price, int capacity) {
    public static final int UNLIMITED = Integer.MAX_VALUE;

    public SpotPool {
        asSpec(instanceType, availabilityZone, price, capacity);
    }

    /** The pool a scenario names (no capacity given: unlimited). */
    public static SpotPool of(FleetSpec.Pool p) {
        return new SpotPool(p.type(), p.az(), p.price(), p.capacity() == null ? UNLIMITED : p.capacity());
    }

    /** The same pool in the scenario's words. */
    public FleetSpec.Pool asSpec() {
        return asSpec(instanceType, availabilityZone, price, capacity);
    }

    private static FleetSpec.Pool asSpec(String type, String az, double price, int capacity) {
        return new FleetSpec.Pool(type, az, price, capacity == UNLIMITED ? null : capacity);
    }

    /** The pool's name, "c5.large/us-east-1a", as selections and the control API write it. */
    public String key() {
        return instanceType + "/" + availabilityZone;
    }

    public static String key(String instanceType, String availabilityZone) {
        return instanceType + "/" + availabilityZone;
    }
}
