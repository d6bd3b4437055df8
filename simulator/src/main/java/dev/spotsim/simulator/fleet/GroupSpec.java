package dev.spotsim.simulator.fleet;

import dev.spotsim.scenarios.model.AllocationStrategy;
import dev.spotsim.scenarios.model.FleetSpec;
import java.time.Duration;
import java.util.List;

/**
 * An Auto Scaling group of Spot Instances, as the simulator runs it: a view of a scenario's
 * {@link FleetSpec} (its name, desired capacity, allocation strategy, launch delay, Capacity
 * Rebalancing and pools), checked by the same rules, so a group built in Java and one read from a
 * file accept the same values.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-capacity-rebalancing.html
 */
public record GroupSpec(String name, int desired, AllocationStrategy strategy, Duration launchDelay,
                        boolean capacityRebalance, List<SpotPool> pools) {
    public GroupSpec {
        FleetSpec.Group checked = new FleetSpec.Group(name, desired, strategy, launchDelay == null ? Duration.ZERO : launchDelay,
                capacityRebalance);
        strategy = checked.strategy();
        launchDelay = checked.launchDelay();
        if (pools == null || pools.isEmpty()) {
            throw new IllegalArgumentException("pools: expected at least one pool (type and az)");
        }
        pools = List.copyOf(pools);
        new FleetSpec(checked, pools.stream().map(SpotPool::asSpec).toList(), null);
    }

    /** The group a scenario's or config file's {@code fleet:} section describes. */
    public static GroupSpec from(FleetSpec fleet) {
        FleetSpec.Group g = fleet.group();
        return new GroupSpec(g.name(), g.desired(), g.strategy(), g.launchDelay(), g.capacityRebalance(),
                fleet.pools().stream().map(SpotPool::of).toList());
    }
}
