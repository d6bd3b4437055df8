package dev.spotsim.gatling.figures;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One load run's figures, as {@code spotsim load} writes them ({@code format} {@value #FORMAT}): the
 * target, when the first window starts, the window length (1 s unless squeezed to fit SSM's output
 * cap), totals, every window in order, and the whole run's latency histogram. {@code generators} counts
 * the runs merged into it.
 */
public record LoadFigures(String format, String target, Instant startedAt, Instant endedAt, int windowSeconds, int generators,
                          long requests, long failures, Map<String, Long> failuresByCause, List<Window> windows, String histogram) {
    public static final String FORMAT = "spotsim-load-figures/1";

    public LoadFigures {
        failuresByCause = failuresByCause == null ? Map.of() : new TreeMap<>(failuresByCause);
        windows = windows == null ? List.of() : List.copyOf(windows);
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("format: expected \"" + FORMAT + "\", got \"" + format + "\"");
        }
    }

    /** Failed requests as a percentage of all; 0 when there were none. */
    public double failurePercent() {
        return requests == 0 ? 0 : failures * 100.0 / requests;
    }
}
