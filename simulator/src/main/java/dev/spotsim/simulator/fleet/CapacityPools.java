package dev.spotsim.simulator.fleet;

import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InstanceView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Spot pools the simulation knows and whether EC2 has capacity in them now. A reclaimed pool
 * has none until it is restored; listeners hear when capacity returns (groups then refill).
 */
public final class CapacityPools {
    private final Map<String, SpotPool> pools = new LinkedHashMap<>();
    private final Set<String> reclaimed = ConcurrentHashMap.newKeySet();
    private final List<Runnable> restoreListeners = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> used = new ConcurrentHashMap<>();

    CapacityPools() {
    }

    /** Keeps the per-pool usage counts current; the fleet calls it for every change. */
    void instanceChanged(InstanceView before, InstanceView after) {
        boolean was = before != null && occupies(before);
        boolean is = occupies(after);
        if (was != is) {
            used.computeIfAbsent(poolOf(after), k -> new AtomicLong()).addAndGet(is ? 1 : -1);
        }
    }

    /** Makes a pool known; a pool already known keeps its first definition. */
    public synchronized void add(SpotPool pool) {
        pools.putIfAbsent(pool.key(), pool);
    }

    /** Makes the pool of an instance launched outside any group known (unlimited, no price) unless it is known already. */
    synchronized void addIfUnknown(String instanceType, String availabilityZone) {
        if (!pools.containsKey(SpotPool.key(instanceType, availabilityZone))) {
            add(new SpotPool(instanceType, availabilityZone, 0, SpotPool.UNLIMITED));
        }
    }

    public synchronized List<SpotPool> all() {
        return List.copyOf(pools.values());
    }

    public synchronized SpotPool get(String key) {
        SpotPool pool = pools.get(key);
        if (pool == null) {
            throw new FleetException(FleetException.Kind.NOT_FOUND, "no pool " + key + "; known pools: " + String.join(", ", pools.keySet()));
        }
        return pool;
    }

    public boolean isReclaimed(String key) {
        return reclaimed.contains(key);
    }

    void reclaim(String key) {
        get(key);
        reclaimed.add(key);
    }

    void restore(String key) {
        get(key);
        if (reclaimed.remove(key)) {
            restoreListeners.forEach(Runnable::run);
        }
    }

    void onRestore(Runnable listener) {
        restoreListeners.add(listener);
    }

    /** Instances that occupy capacity in the pool now (pending through shutting-down). */
    public long used(String key) {
        AtomicLong n = used.get(key);
        return n == null ? 0 : n.get();
    }

    /** How many more instances the pool can take now: none while reclaimed. */
    public long spare(String key) {
        if (isReclaimed(key)) {
            return 0;
        }
        SpotPool pool = get(key);
        return pool.capacity() == SpotPool.UNLIMITED ? Long.MAX_VALUE / 2 : Math.max(0, pool.capacity() - used(key));
    }

    static String poolOf(InstanceView v) {
        return SpotPool.key(v.identity().instanceType(), v.identity().availabilityZone());
    }

    static boolean occupies(InstanceView v) {
        return v.state() != InstanceState.TERMINATED && v.state() != InstanceState.STOPPED;
    }
}
