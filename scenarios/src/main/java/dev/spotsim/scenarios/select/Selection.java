package dev.spotsim.scenarios.select;

import java.util.List;

/**
 * Which instances an interruption hits: named {@code instances}, or {@code all}, or a {@code count}
 * or {@code percent} of the candidates, optionally narrowed {@code from} one pool ("c5.large/us-east-1a")
 * or availability zone first. Random picks use the run's seed so they repeat.
 */
public record Selection(List<String> instances, Integer count, Double percent, Boolean all, From from) {
    /** Narrows the candidates to one pool and/or one availability zone. */
    public record From(String pool, String az) {
        public From {
            if (pool != null && !pool.matches("[a-z0-9-]+\\.[a-z0-9]+/[a-z]{2}(-[a-z]+)+-\\d[a-z]")) {
                throw new IllegalArgumentException("pool: expected instance-type/availability-zone like c5.large/us-east-1a, got \"" + pool + "\"");
            }
            if (az != null && !az.matches("[a-z]{2}(-[a-z]+)+-\\d[a-z]")) {
                throw new IllegalArgumentException("az: expected an availability zone like us-east-1a, got \"" + az + "\"");
            }
        }
    }

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
        if (!instances.isEmpty() && from != null) {
            throw new IllegalArgumentException("instances: named instances cannot be narrowed by from");
        }
    }

    /** The pool to pick from, or null for any. */
    public String pool() {
        return from == null ? null : from.pool();
    }

    /** The availability zone to pick from, or null for any. */
    public String az() {
        return from == null ? null : from.az();
    }

    public static Selection ofInstances(List<String> ids) {
        return new Selection(ids, null, null, null, null);
    }

    public static Selection ofCount(int count) {
        return new Selection(null, count, null, null, null);
    }

    public static Selection everything() {
        return new Selection(null, null, null, true, null);
    }
}
