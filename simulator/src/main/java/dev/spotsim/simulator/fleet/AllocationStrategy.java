package dev.spotsim.simulator.fleet;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How an Auto Scaling group picks the pool for its next Spot Instance.
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
        return Arrays.stream(values()).filter(s -> s.wireName.equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("strategy: expected one of "
                        + Arrays.stream(values()).map(AllocationStrategy::wireName).collect(Collectors.joining(", ")) + ", got \"" + text + "\""));
    }

    /** A pool as the strategy sees it: its spare capacity and how many of this group's instances it has. */
    public record PoolLoad(SpotPool pool, long spare, int groupInstances) {
    }

    /** The pool for the next launch, or empty when no pool has spare capacity. Ties go to the earlier pool. */
    public Optional<SpotPool> choose(List<PoolLoad> pools) {
        List<PoolLoad> open = pools.stream().filter(p -> p.spare() > 0).toList();
        if (open.isEmpty()) {
            return Optional.empty();
        }
        Comparator<PoolLoad> order = switch (this) {
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
