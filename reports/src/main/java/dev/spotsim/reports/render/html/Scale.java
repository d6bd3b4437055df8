package dev.spotsim.reports.render.html;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear map from values in {@code [from, to]} onto pixels in {@code [start, end]} (end may be
 * below start, as for a y axis), with round tick values for its gridlines.
 */
public record Scale(double from, double to, double start, double end) {
    public Scale {
        if (!(to > from)) {
            to = from + 1;
        }
    }

    /** The pixel of {@code value}; values outside the domain land outside the range, callers clip. */
    public double at(double value) {
        return start + (value - from) / (to - from) * (end - start);
    }

    /** Round values (1, 2 or 5 times a power of ten apart) inside the domain, about {@code target} of them. */
    public List<Double> ticks(int target) {
        double step = niceStep((to - from) / Math.max(1, target));
        List<Double> ticks = new ArrayList<>();
        for (double v = Math.ceil(from / step) * step; v <= to + step * 1e-9; v += step) {
            ticks.add(Math.abs(v) < step * 1e-9 ? 0 : v);
        }
        return ticks;
    }

    /** The smallest of 1, 2, 5 or 10 times a power of ten that is at least {@code raw} (2.5 would make halves of whole counts). */
    public static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (raw <= m * magnitude * (1 + 1e-9)) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** A round upper bound for data reaching {@code max}: the first tick at or above it, never below {@code floor}. */
    public static double niceMax(double max, double floor, int ticks) {
        double top = Math.max(max, floor);
        double step = niceStep(top / ticks);
        return Math.ceil(top / step - 1e-9) * step;
    }

    /** A round step in seconds for a time axis: 1, 2, 5, 10, 15, 30 s, then whole minutes, then hours. */
    public static double timeStep(double spanSeconds, int target) {
        double raw = spanSeconds / Math.max(1, target);
        for (double s : new double[] {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600}) {
            if (raw <= s) {
                return s;
            }
        }
        return Math.ceil(raw / 3600) * 3600;
    }

    /** Ticks for a time axis, at multiples of {@link #timeStep}. */
    public List<Double> timeTicks(int target) {
        double step = timeStep(to - from, target);
        List<Double> ticks = new ArrayList<>();
        for (double v = Math.ceil(from / step) * step; v <= to + 1e-9; v += step) {
            ticks.add(v);
        }
        return ticks;
    }

    /**
     * A time-axis label for an axis {@code span} seconds long: plain seconds ({@code 90s}) on axes up to
     * ten minutes, so one axis never mixes formats; {@code m:ss}, then {@code h:mm:ss} on longer ones.
     */
    public static String timeLabel(double seconds, double span) {
        long s = Math.round(seconds);
        if (span <= 600) {
            return s + "s";
        }
        String sign = s < 0 ? "-" : "";
        s = Math.abs(s);
        if (s < 3600) {
            return String.format(java.util.Locale.ROOT, "%s%d:%02d", sign, s / 60, s % 60);
        }
        return String.format(java.util.Locale.ROOT, "%s%d:%02d:%02d", sign, s / 3600, (s / 60) % 60, s % 60);
    }
}
