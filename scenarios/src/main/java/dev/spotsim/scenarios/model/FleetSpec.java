package dev.spotsim.scenarios.model;

import java.time.Duration;
import java.util.List;

/** The simulated fleet: one Auto Scaling group over Spot pools, and how its metadata service behaves. */
public record FleetSpec(Group group, List<Pool> pools, HttpTokens imdsv2) {
    public FleetSpec {
        if (group == null) {
            throw new IllegalArgumentException("group: required, e.g. {desired: 4, strategy: capacity-optimized}");
        }
        if (pools == null || pools.isEmpty()) {
            throw new IllegalArgumentException("pools: expected at least one pool, e.g. [{type: c5.large, az: us-east-1a}]");
        }
        pools = List.copyOf(pools);
        if (pools.stream().map(Pool::key).distinct().count() != pools.size()) {
            throw new IllegalArgumentException("pools: each type/az pool may appear once");
        }
        String region = pools.get(0).az().substring(0, pools.get(0).az().length() - 1);
        for (Pool p : pools) {
            if (!p.az().startsWith(region) || p.az().length() != region.length() + 1) {
                throw new IllegalArgumentException("pools: all pools must be in one region (" + region + "), got " + p.az());
            }
        }
        imdsv2 = imdsv2 == null ? HttpTokens.OPTIONAL : imdsv2;
    }

    /** The group's size and how it picks pools and replaces instances. */
    public record Group(String name, Integer desired, AllocationStrategy strategy, Duration launchDelay, Boolean capacityRebalance) {
        public Group {
            name = name == null ? "spotsim-group" : name;
            if (!name.matches("[A-Za-z0-9._-]{1,255}")) {
                throw new IllegalArgumentException("name: expected 1..255 letters, digits, '.', '_' or '-', got \"" + name + "\"");
            }
            // An Auto Scaling group may be empty (desired 0), and is scaled up later.
            if (desired == null || desired < 0 || desired > 10_000) {
                throw new IllegalArgumentException("desired: expected 0..10000 instances, got " + desired);
            }
            strategy = strategy == null ? AllocationStrategy.PRICE_CAPACITY_OPTIMIZED : strategy;
            launchDelay = launchDelay == null ? Duration.ofSeconds(5) : launchDelay;
            if (launchDelay.isNegative()) {
                throw new IllegalArgumentException("launchDelay: expected 0s or more, got " + launchDelay);
            }
            capacityRebalance = capacityRebalance != null && capacityRebalance;
        }
    }

    /** A Spot pool: instance type x availability zone, with a price and an optional capacity limit. */
    public record Pool(String type, String az, Double price, Integer capacity) {
        public Pool {
            if (type == null || !type.matches("[a-z0-9-]+\\.[a-z0-9]+")) {
                throw new IllegalArgumentException("type: expected an instance type like c5.large, got " + (type == null ? "nothing" : "\"" + type + "\""));
            }
            if (az == null || !az.matches("[a-z]{2}(-[a-z]+)+-\\d[a-z]")) {
                throw new IllegalArgumentException("az: expected an availability zone like us-east-1a, got " + (az == null ? "nothing" : "\"" + az + "\""));
            }
            price = price == null ? 0.0 : price;
            if (price < 0) {
                throw new IllegalArgumentException("price: expected 0 or more (USD per hour), got " + price);
            }
            if (capacity != null && capacity < 0) {
                throw new IllegalArgumentException("capacity: expected 0 or more instances, got " + capacity);
            }
        }

        public String key() {
            return type + "/" + az;
        }
    }
}
