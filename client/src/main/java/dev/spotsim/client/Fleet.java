package dev.spotsim.client;

import java.time.Duration;
import java.util.List;

/** The Auto Scaling groups and the Spot pools of the simulated fleet. */
public record Fleet(List<Group> groups, List<Pool> pools) {
    public Fleet {
        groups = groups == null ? List.of() : List.copyOf(groups);
        pools = pools == null ? List.of() : List.copyOf(pools);
    }

    /** A group: its desired capacity, allocation strategy, members, and instances it waits to launch for lack of capacity. */
    public record Group(String name, int desired, String strategy, boolean capacityRebalance, Duration launchDelay,
                        List<String> members, int waitingForCapacity, List<String> pools) {
    }

    /** A Spot pool (instance type x availability zone): price, capacity (null: unlimited), instances in it, reclaimed or not. */
    public record Pool(String pool, String instanceType, String availabilityZone, double price, Integer capacity, long used,
                       boolean reclaimed) {
    }
}
