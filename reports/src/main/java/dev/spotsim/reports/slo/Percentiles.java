package dev.spotsim.reports.slo;

import java.util.Arrays;

/** Nearest-rank percentiles, mean, min and max over a small sample. */
public final class Percentiles {
    private Percentiles() {
    }

    /** The statistic named like an SLO's ("p95", "max", "min", "mean") of {@code values}; NaN when empty. */
    public static double of(String stat, double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return switch (stat) {
            case "max" -> sorted[sorted.length - 1];
            case "min" -> sorted[0];
            case "mean" -> Arrays.stream(sorted).average().orElse(Double.NaN);
            default -> {
                if (!stat.matches("p\\d{1,2}")) {
                    throw new IllegalArgumentException("unknown statistic " + stat);
                }
                yield nearestRank(sorted, Integer.parseInt(stat.substring(1)));
            }
        };
    }

    /** The nearest-rank {@code p}th percentile of already sorted values; 0 when there are none. */
    public static double nearestRank(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
