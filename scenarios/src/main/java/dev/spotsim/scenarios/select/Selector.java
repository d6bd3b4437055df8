package dev.spotsim.scenarios.select;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/** Applies a {@link Selection} to candidates; the same seed and candidates always give the same picks. */
public final class Selector {
    private Selector() {
    }

    /** A candidate as the selector sees it: its id, pool ("type/az") and availability zone. */
    public record Candidate(String id, String pool, String az) {
    }

    /**
     * Picks from {@code candidates} (in a stable order, e.g. launch order). Named instances that are
     * not among the candidates are an error, so a typo never silently selects nothing.
     */
    public static <T> List<T> pick(Selection s, List<T> candidates, Function<T, Candidate> describe, long seed) {
        if (!s.instances().isEmpty()) {
            List<T> named = new ArrayList<>();
            for (String id : s.instances()) {
                T match = candidates.stream().filter(c -> describe.apply(c).id().equals(id)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("instances: " + id + " is not a running Spot Instance"));
                named.add(match);
            }
            return named;
        }
        List<T> eligible = candidates.stream()
                .filter(c -> s.pool() == null || describe.apply(c).pool().equals(s.pool()))
                .filter(c -> s.az() == null || describe.apply(c).az().equals(s.az()))
                .toList();
        if (Boolean.TRUE.equals(s.all())) {
            return eligible;
        }
        int wanted = s.count() != null ? s.count() : (int) Math.ceil(eligible.size() * s.percent() / 100.0);
        List<T> shuffled = new ArrayList<>(eligible);
        Collections.shuffle(shuffled, new Random(seed));
        return List.copyOf(shuffled.subList(0, Math.min(wanted, shuffled.size())));
    }
}
