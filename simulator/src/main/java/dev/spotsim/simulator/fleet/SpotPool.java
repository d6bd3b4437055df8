package dev.spotsim.simulator.fleet;

/**
 * A Spot capacity pool: one instance type in one availability zone, with a price (USD per hour)
 * and how many instances it can hold before EC2 has no more capacity there.
 */
public record SpotPool(String instanceType, String availabilityZone, double price, int capacity) {
    public static final int UNLIMITED = Integer.MAX_VALUE;

    public SpotPool {
        if (instanceType == null || !instanceType.matches("[a-z0-9-]+\\.[a-z0-9]+")) {
            throw new IllegalArgumentException("type: expected an instance type like c5.large, got \"" + instanceType + "\"");
        }
        if (availabilityZone == null || !availabilityZone.matches("[a-z]{2}(-[a-z]+)+-\\d[a-z]")) {
            throw new IllegalArgumentException("az: expected an availability zone like us-east-1a, got \"" + availabilityZone + "\"");
        }
        if (price < 0) {
            throw new IllegalArgumentException("price: expected a price per hour of 0 or more, got " + price);
        }
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity: expected 0 or more instances, got " + capacity);
        }
    }

    /** The pool's name, "c5.large/us-east-1a", as selections and the control API write it. */
    public String key() {
        return instanceType + "/" + availabilityZone;
    }

    public static String key(String instanceType, String availabilityZone) {
        return instanceType + "/" + availabilityZone;
    }
}
