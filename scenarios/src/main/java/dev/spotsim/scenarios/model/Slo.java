package dev.spotsim.scenarios.model;

import dev.spotsim.scenarios.time.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One service-level objective: {@code metric[.stat][@phase]: "<op> <threshold>"}, e.g.
 * {@code drainTime.p95: "< 60s"}, {@code failedRequests.percent@interrupted: "< 1"}.
 * Duration metrics take a duration threshold, the others a number. A threshold may be relative to
 * the same figure of a baseline run: {@code drainTime.p95: "<= baseline + 10%"} ({@code relativeTo}
 * is then set and {@code threshold} unused).
 */
public record Slo(String key, Metric metric, String stat, Phase phase, Operator operator, double threshold, boolean isDuration,
                  RelativeTo relativeTo) {
    private static final Pattern KEY = Pattern.compile("([A-Za-z]+)(?:\\.([A-Za-z0-9]+))?(?:@([a-z]+))?");
    private static final Pattern CONDITION = Pattern.compile("\\s*(<=|>=|==|!=|<|>)\\s*(\\S+)\\s*");
    private static final Pattern RELATIVE = Pattern.compile("\\s*(<=|>=|==|!=|<|>)\\s*baseline\\s*(?:([+-])\\s*(\\S+?))?\\s*");

    /**
     * A threshold of "baseline", "baseline + 10%" or "baseline + 5s": the baseline's figure, grown by
     * {@code percent} of itself and then by {@code offset} (seconds for durations).
     */
    public record RelativeTo(double percent, double offset) {
        public double threshold(double baselineValue) {
            return baselineValue * (1 + percent / 100.0) + offset;
        }
    }

    /** What is measured, which statistics it has, and whether a phase can scope it. */
    public enum Metric {
        DRAIN_TIME("drainTime", true, false, List.of("p50", "p90", "p95", "p99", "max", "min", "mean")),
        DETECTION_LATENCY("detectionLatency", true, false, List.of("p50", "p90", "p95", "p99", "max", "min", "mean")),
        RECOVERY_TIME("recoveryTime", true, false, List.of("max")),
        KILLED_WORKLOADS("killedWorkloads", false, false, List.of("count")),
        FAILED_REQUESTS("failedRequests", false, true, List.of("count", "percent")),
        LATENCY("latency", true, true, List.of("p50", "p90", "p95", "p99", "max", "mean")),
        HEALTHY_CAPACITY("healthyCapacity", false, false, List.of("min", "minPercent"));

        private final String wireName;
        private final boolean duration;
        private final boolean phased;
        private final List<String> stats;

        Metric(String wireName, boolean duration, boolean phased, List<String> stats) {
            this.wireName = wireName;
            this.duration = duration;
            this.phased = phased;
            this.stats = stats;
        }

        public String wireName() {
            return wireName;
        }

        public List<String> stats() {
            return stats;
        }
    }

    /** Parts of a run: before the first notice, between a notice and recovery, after capacity is back. */
    public enum Phase {
        STEADY, INTERRUPTED, RECOVERING;

        public String wireName() {
            return name().toLowerCase();
        }
    }

    /** Comparison of the measured value with the threshold. */
    public enum Operator {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean holds(double measured, double threshold) {
            return switch (this) {
                case LT -> measured < threshold;
                case LE -> measured <= threshold;
                case GT -> measured > threshold;
                case GE -> measured >= threshold;
                case EQ -> measured == threshold;
                case NE -> measured != threshold;
            };
        }

        static Operator of(String symbol) {
            return Arrays.stream(values()).filter(o -> o.symbol.equals(symbol)).findFirst().orElseThrow();
        }
    }

    private static final Map<String, Metric> BY_NAME = Arrays.stream(Metric.values())
            .collect(Collectors.toMap(Metric::wireName, m -> m));

    /** Parses one SLO entry; errors name the key and what was expected. */
    public static Slo parse(String key, String condition) {
        String where = "slos." + key + ": ";
        Matcher k = KEY.matcher(key);
        if (!k.matches()) {
            throw new IllegalArgumentException(where + "expected metric[.stat][@phase], e.g. drainTime.p95 or failedRequests.percent@interrupted");
        }
        Metric metric = BY_NAME.get(k.group(1));
        if (metric == null) {
            throw new IllegalArgumentException(where + "unknown metric \"" + k.group(1) + "\"; expected one of "
                    + Arrays.stream(Metric.values()).map(Metric::wireName).collect(Collectors.joining(", ")));
        }
        String stat = k.group(2) == null ? metric.stats.get(0) : k.group(2);
        if (!metric.stats.contains(stat)) {
            throw new IllegalArgumentException(where + metric.wireName + " has no statistic \"" + stat + "\"; expected one of " + String.join(", ", metric.stats));
        }
        Phase phase = null;
        if (k.group(3) != null) {
            if (!metric.phased) {
                throw new IllegalArgumentException(where + metric.wireName + " cannot be scoped to a phase");
            }
            phase = Arrays.stream(Phase.values()).filter(p -> p.wireName().equals(k.group(3))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(where + "unknown phase \"" + k.group(3) + "\"; expected steady, interrupted or recovering"));
        }
        boolean duration = metric.duration && !stat.equals("count");
        Matcher r = RELATIVE.matcher(condition == null ? "" : condition);
        if (r.matches()) {
            return new Slo(key, metric, stat, phase, Operator.of(r.group(1)), Double.NaN, duration, relative(where, r, duration));
        }
        Matcher c = CONDITION.matcher(condition == null ? "" : condition);
        if (!c.matches()) {
            throw new IllegalArgumentException(where + "expected a condition like \"< 60s\", \"== 0\" or \"<= baseline + 10%\", got \""
                    + condition + "\"");
        }
        double threshold;
        try {
            threshold = duration ? Durations.parse(c.group(2)).toNanos() / 1e9 : Double.parseDouble(c.group(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + (duration ? "expected a duration threshold like 60s, got \"" : "expected a number, got \"")
                    + c.group(2) + "\"");
        }
        return new Slo(key, metric, stat, phase, Operator.of(c.group(1)), threshold, duration, null);
    }

    private static RelativeTo relative(String where, Matcher r, boolean duration) {
        if (r.group(2) == null) {
            return new RelativeTo(0, 0);
        }
        double sign = r.group(2).equals("-") ? -1 : 1;
        String amount = r.group(3);
        try {
            if (amount.endsWith("%")) {
                double percent = Double.parseDouble(amount.substring(0, amount.length() - 1));
                if (!Double.isFinite(percent) || percent < 0) {
                    throw new NumberFormatException();
                }
                return new RelativeTo(sign * percent, 0);
            }
            double offset = duration ? Durations.parse(amount).toNanos() / 1e9 : Double.parseDouble(amount);
            if (!Double.isFinite(offset) || offset < 0) {
                throw new NumberFormatException();
            }
            return new RelativeTo(0, sign * offset);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "expected \"baseline + N%\"" + (duration ? " or \"baseline + 5s\"" : " or \"baseline + N\"")
                    + ", got \"baseline " + r.group(2) + " " + amount + "\"");
        }
    }

    /** Whether the threshold comes from a baseline run. */
    public boolean isRelative() {
        return relativeTo != null;
    }

    /** The threshold as written for people: "60s", "0.5" or "baseline + 10%". */
    public String thresholdText() {
        if (relativeTo != null) {
            if (relativeTo.percent() != 0) {
                return "baseline " + (relativeTo.percent() < 0 ? "- " : "+ ") + stripZeros(Math.abs(relativeTo.percent())) + "%";
            }
            if (relativeTo.offset() != 0) {
                double abs = Math.abs(relativeTo.offset());
                return "baseline " + (relativeTo.offset() < 0 ? "- " : "+ ")
                        + (isDuration ? Durations.format(Duration.ofNanos(Math.round(abs * 1e9))) : stripZeros(abs));
            }
            return "baseline";
        }
        return isDuration ? Durations.format(Duration.ofNanos(Math.round(threshold * 1e9))) : stripZeros(threshold);
    }

    private static String stripZeros(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
