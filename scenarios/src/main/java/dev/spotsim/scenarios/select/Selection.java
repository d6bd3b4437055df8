package dev.spotsim.scenarios.select;

import java.util.List;

/**
 * Which instances an interruption hits: named {@code instances}, or {@code all}, or a {@code count}
 * or {@code percent} of the candidates, optionally narrowed to one {@code pool} ("c5.large/us-east-1a")
 * or {@code az} first. Random picks use the run's seed so they repeat.
 */
public record Selection(List<String> instances, Integer count, Double percent, String pool, String az, Boolean all) {
    public Selection {
        instances = instances == null ? List.of() : List.copyOf(instances);
        int ways = (instances.isEmpty() ? 0 : 1) + (count == null ? 0 : 1) + (percent == null ? 0 : 1) + (Boolean.TRUE.equals(all) ? 1 : 0);
        if (ways == 0) {
            throw new IllegalArgumentException("expected one of instances, count, percent or all: true");
        }
        if (ways > 1) {
            throw new IllegalArgumentException("expected only one of instances, count, percent or all: true");
        }
        if (count != null && count < 1) {
            throw new IllegalArgumentException("count: expected at least 1, got " + count);
        }
        if (percent != null && (percent <= 0 || percent > 100)) {
            throw new IllegalArgumentException("percent: expected above 0 and at most 100, got " + percent);
        }
        if (pool != null && !pool.matches("[a-z0-9-]+\\.[a-z0-9]+/[a-z]{2}(-[a-z]+)+-\\d[a-z]")) {
            throw new IllegalArgumentException("pool: expected instance-type/availability-zone like c5.large/us-east-1a, got \"" + pool + "\"");
        }
        if (!instances.isEmpty() && (pool != null || az != null)) {
            throw new IllegalArgumentException("instances: named instances cannot be narrowed by pool or az");
        }
    }

    public static Selection ofInstances(List<String> ids) {
        return new Selection(ids, null, null, null, null, null);
    }

    public static Selection ofCount(int count) {
        return new Selection(null, count, null, null, null, null);
    }

    public static Selection everything() {
        return new Selection(null, null, null, null, null, true);
    }
}
