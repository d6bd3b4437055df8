package dev.spotsim.gameday;

import java.util.ArrayList;
import java.util.List;

/** Splits a list into consecutive batches of at most a given size (AWS APIs cap how many ids one call takes). */
public final class Batches {
    private Batches() {
    }

    public static <T> List<List<T>> of(List<T> items, int size) {
        List<List<T>> batches = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            batches.add(List.copyOf(items.subList(i, Math.min(i + size, items.size()))));
        }
        return batches;
    }
}
