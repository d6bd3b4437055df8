package dev.spotsim.gatling.figures;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Figures re-cut into windows of {@code n} seconds: coarser windows to fit a size, and several
 * generators' figures merged into one load. Windows are aligned on the earliest start; a window goes
 * whole into the new window its start falls in, so histograms and counts stay exact (only time resolution is lost).
 */
public final class Rebucketing {
    private Rebucketing() {
    }

    /** One load from several generators' figures: counts and histograms added, windows as coarse as the coarsest input. */
    public static LoadFigures merge(List<LoadFigures> all) {
        if (all.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        int window = all.stream().mapToInt(LoadFigures::windowSeconds).max().orElse(1);
        String target = all.stream().map(LoadFigures::target).distinct().reduce((a, b) -> a + ", " + b).orElse("");
        int generators = all.stream().mapToInt(LoadFigures::generators).sum();
        return recut(all, window, target, generators);
    }

    /** The same figures in windows of {@code seconds}. */
    public static LoadFigures coarsen(LoadFigures figures, int seconds) {
        return recut(List.of(figures), seconds, figures.target(), figures.generators());
    }

    private static LoadFigures recut(List<LoadFigures> all, int seconds, String target, int generators) {
        Instant origin = all.stream().map(LoadFigures::startedAt).min(Comparator.naturalOrder()).orElseThrow();
        Instant end = all.stream().map(LoadFigures::endedAt).max(Comparator.naturalOrder()).orElseThrow();
        Map<Long, Bucket> buckets = new TreeMap<>();
        Bucket total = new Bucket();
        for (LoadFigures f : all) {
            for (Window w : f.windows()) {
                long index = Math.floorDiv(w.start().getEpochSecond() - origin.getEpochSecond(), seconds);
                buckets.computeIfAbsent(index, i -> new Bucket()).add(w);
                total.add(w);
            }
        }
        List<Window> windows = new ArrayList<>();
        if (!buckets.isEmpty()) {
            long last = ((TreeMap<Long, Bucket>) buckets).lastKey();
            for (long i = 0; i <= last; i++) {
                windows.add(buckets.getOrDefault(i, new Bucket()).window(origin.plusSeconds(i * seconds), seconds));
            }
        }
        return new LoadFigures(LoadFigures.FORMAT, target, origin, end, seconds, generators, total.requests(), total.failures(),
                total.failuresByCause(), windows, total.histogram());
    }
}
