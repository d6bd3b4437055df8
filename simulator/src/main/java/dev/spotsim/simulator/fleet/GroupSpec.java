package dev.spotsim.simulator.fleet;

import dev.spotsim.scenarios.model.FleetSpec;
import java.time.Duration;
import java.util.List;

/**
 * An Auto Scaling group of Spot Instances: its name, desired capacity, allocation strategy, the
 * pools it may launch into, how long a launch takes until the instance runs, and whether Capacity
 * Rebalancing launches a replacement as soon as a rebalance recommendation arrives.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-capacity-rebalancing.html
 */
public record GroupSpec(String name, int desired, AllocationStrategy strategy, Duration launchDelay,
                        boolean capacityRebalance, List<SpotPool> pools) {
    public GroupSpec {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,255}")) {
            throw new IllegalArgumentException("group.name: expected 1..255 letters, digits, '.', '_' or '-', got \"" + name + "\"");
        }
        if (desired < 0 || desired > 100_000) {
            throw new IllegalArgumentException("group.desired: expected 0..100000, got " + desired);
        }
        strategy = strategy == null ? AllocationStrategy.PRICE_CAPACITY_OPTIMIZED : strategy;
        launchDelay = launchDelay == null ? Duration.ZERO : launchDelay;
        if (launchDelay.isNegative()) {
            throw new IllegalArgumentException("group.launchDelay: expected 0s or more, got " + launchDelay);
        }
        if (pools == null || pools.isEmpty()) {
            throw new IllegalArgumentException("pools: expected at least one pool (type and az)");
        }
        pools = List.copyOf(pools);
        long distinct = pools.stream().map(SpotPool::key).distinct().count();
        if (distinct != pools.size()) {
            throw new IllegalArgumentException("pools: each type/az pool may appear once");
        }
    }

    /** The group a scenario's or config file's {@code fleet:} section describes. */
    public static GroupSpec from(FleetSpec fleet) {
        List<SpotPool> pools = fleet.pools().stream().map(p -> new SpotPool(p.type(), p.az(), p.price(),
                p.capacity() == null ? SpotPool.UNLIMITED : p.capacity())).toList();
        FleetSpec.Group g = fleet.group();
        return new GroupSpec(g.name(), g.desired(), AllocationStrategy.parse(g.strategy()), g.launchDelay(), g.capacityRebalance(), pools);
    }
}
