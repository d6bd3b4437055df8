package dev.spotsim.simulator.fleet;

import dev.spotsim.scenarios.model.AllocationStrategy;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where an allocation strategy launches a group's next Spot Instance.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/allocation-strategies.html
 */
public final class PoolChoice {
    private PoolChoice() {
    }

    /** A pool as the strategy sees it: its spare capacity and how many of this group's instances it has. */
    public record PoolLoad(SpotPool pool, long spare, int groupInstances) {
    }

    /** The pool for the next launch, or empty when no pool has spare capacity. Ties go to the earlier pool. */
    public static Optional<SpotPool> choose(AllocationStrategy strategy, List<PoolLoad> pools) {
        List<PoolLoad> open = pools.stream().filter(p -> p.spare() > 0).toList();
        if (open.isEmpty()) {
            return Optional.empty();
        }
        Comparator<PoolLoad> order = switch (strategy) {
            case CAPACITY_OPTIMIZED -> Comparator.comparingLong(PoolLoad::spare).reversed();
            case LOWEST_PRICE -> Comparator.comparingDouble(p -> p.pool().price());
            case DIVERSIFIED -> Comparator.comparingInt(PoolLoad::groupInstances);
            case PRICE_CAPACITY_OPTIMIZED -> null;
        };
        if (order == null) {
            // The deepest pools first (at least half as deep as the deepest), then the cheapest of those.
            long deepest = open.stream().mapToLong(PoolLoad::spare).max().orElse(0);
            return open.stream().filter(p -> p.spare() * 2 >= deepest)
                    .min(Comparator.comparingDouble(p -> p.pool().price())).map(PoolLoad::pool);
        }
        return open.stream().min(order).map(PoolLoad::pool);
    }
}
