package dev.spotsim.scenarios.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How an Auto Scaling group picks the Spot pool of its next instance.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/allocation-strategies.html
 */
public enum AllocationStrategy {
    /** The pool with the most spare capacity: fewest interruptions. */
    CAPACITY_OPTIMIZED("capacity-optimized"),
    /** Among the pools with the most spare capacity, the cheapest (AWS's recommended default). */
    PRICE_CAPACITY_OPTIMIZED("price-capacity-optimized"),
    /** The cheapest pool that has capacity. */
    LOWEST_PRICE("lowest-price"),
    /** Spread evenly: the pool with the fewest of the group's instances. */
    DIVERSIFIED("diversified");

    private final String wireName;

    AllocationStrategy(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static AllocationStrategy parse(String text) {
        return WireNames.parse(AllocationStrategy.class, text, AllocationStrategy::wireName);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
