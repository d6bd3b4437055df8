package dev.spotsim.reports.compare;

/**
 * One figure of a run compared against a baseline. {@code value} is NaN when the run has no data
 * for it (no drain, no request); {@code higherIsBetter} only for capacity.
 */
public record Metric(String key, Unit unit, double baseline, double current, boolean higherIsBetter) {
    /** How a metric's numbers read. */
    public enum Unit {
        SECONDS, MILLIS, COUNT, PERCENT
    }

    /** The change in percent of the baseline; NaN when either side has no data or the baseline is 0. */
    public double changePercent() {
        if (Double.isNaN(baseline) || Double.isNaN(current) || baseline == 0 || Double.isInfinite(baseline)) {
            return Double.NaN;
        }
        return (current - baseline) * 100.0 / baseline;
    }

    /**
     * Worse by more than {@code thresholdPercent} of the baseline and by more than the unit's noise
     * floor (a 0.1 s drain moving to 0.12 s is not a regression); counts are worse on any increase
     * from zero.
     */
    public boolean regressed(double thresholdPercent) {
        if (Double.isNaN(baseline) || Double.isNaN(current)) {
            return false;
        }
        if (baseline == current) {
            return false;
        }
        double worseBy = higherIsBetter ? baseline - current : current - baseline;
        if (Double.isNaN(worseBy) || worseBy <= noiseFloor()) {
            return false;
        }
        return baseline == 0 || worseBy * 100.0 / Math.abs(baseline) > thresholdPercent;
    }

    /** Better by more than the threshold and the noise floor. */
    public boolean improved(double thresholdPercent) {
        return new Metric(key, unit, current, baseline, higherIsBetter).regressed(thresholdPercent);
    }

    private double noiseFloor() {
        return switch (unit) {
            case SECONDS -> 0.1;
            case MILLIS -> 1.0;
            case COUNT -> 0;
            case PERCENT -> 0.01;
        };
    }

    /** The value as people read it: "3.5s", "12.0ms", "2", "0.42%", or "no data". */
    public static String format(Unit unit, double value) {
        if (Double.isNaN(value)) {
            return "no data";
        }
        if (Double.isInfinite(value)) {
            return "never";
        }
        return switch (unit) {
            case SECONDS -> trim(value) + "s";
            case MILLIS -> String.format(java.util.Locale.ROOT, "%.1fms", value);
            case COUNT -> Long.toString(Math.round(value));
            case PERCENT -> trim(value) + "%";
        };
    }

    private static String trim(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.2f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
