package dev.spotsim.gameday.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;

/**
 * Request figures a load generator reports in its output: a line {@code spotsim-load {"requests":N,"failures":M}}
 * (the last one wins). Any load tool can print it from a wrapper script; the game day adds the figures
 * of every generator into the run's request totals.
 */
public record LoadSummary(long requests, long failures) {
    public static final String PREFIX = "spotsim-load ";
    private static final ObjectMapper JSON = new ObjectMapper();

    public LoadSummary {
        if (requests < 0 || failures < 0 || failures > requests) {
            throw new IllegalArgumentException("expected 0 <= failures <= requests, got " + failures + " of " + requests);
        }
    }

    /** The last well-formed summary line of {@code output}, if any. */
    public static Optional<LoadSummary> find(String output) {
        if (output == null) {
            return Optional.empty();
        }
        List<String> lines = output.lines().filter(l -> l.startsWith(PREFIX)).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            try {
                JsonNode n = JSON.readTree(lines.get(i).substring(PREFIX.length()));
                if (n.path("requests").canConvertToLong() && n.path("failures").canConvertToLong()) {
                    return Optional.of(new LoadSummary(n.path("requests").asLong(), n.path("failures").asLong()));
                }
            } catch (java.io.IOException | IllegalArgumentException e) {
                // A malformed line is skipped: an earlier well-formed one may still count.
            }
        }
        return Optional.empty();
    }

    public LoadSummary plus(LoadSummary other) {
        return new LoadSummary(requests + other.requests, failures + other.failures);
    }
}
