package dev.spotsim.client;

import java.util.List;

/** Which running Spot Instances an interruption picks: named ones, a count, a percent or all, optionally from one pool or zone. */
public record Selection(List<String> instances, Integer count, Double percent, Boolean all, From from) {
    /** Narrows the pick to a pool ({@code c5.large/us-east-1a}) or an availability zone. */
    public record From(String pool, String az) {
    }

    public static Selection count(int n) {
        return new Selection(null, n, null, null, null);
    }

    public static Selection percent(double p) {
        return new Selection(null, null, p, null, null);
    }

    public static Selection every() {
        return new Selection(null, null, null, true, null);
    }

    public static Selection instances(List<String> ids) {
        return new Selection(List.copyOf(ids), null, null, null, null);
    }

    public Selection fromPool(String pool) {
        return new Selection(instances, count, percent, all, new From(pool, from == null ? null : from.az()));
    }

    public Selection fromAz(String az) {
        return new Selection(instances, count, percent, all, new From(from == null ? null : from.pool(), az));
    }
}
