package dev.spotsim.reports.compare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotsim.reports.slo.Percentiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Two run records ({@code run.json}) side by side: the figures the SLO gate knows, each with its
 * change against the baseline, so a release that drains 40% slower is visible even below a fixed
 * threshold. Reads the JSON tree, so records of older spotsim versions compare too.
 */
public record RunComparison(String baselineRun, String currentRun, List<Metric> metrics, double thresholdPercent) {
    public RunComparison {
        metrics = List.copyOf(metrics);
    }

    /** Compares {@code current} against {@code baseline}; a change beyond {@code thresholdPercent} is flagged. */
    public static RunComparison of(JsonNode baseline, JsonNode current, double thresholdPercent) {
        List<Metric> metrics = new ArrayList<>();
        for (String stat : List.of("p50", "p95", "max")) {
            metrics.add(seconds("detectionLatency." + stat, baseline, current, r -> stat(r, "detectionLatencies", stat)));
        }
        for (String stat : List.of("p50", "p95", "max")) {
            metrics.add(seconds("drainTime." + stat, baseline, current, r -> stat(r, "drainTimes", stat)));
        }
        metrics.add(metric("killedWorkloads", Metric.Unit.COUNT, baseline, current, r -> number(r.path("measures").path("killedWorkloads")), false));
        metrics.add(metric("failedRequests.count", Metric.Unit.COUNT, baseline, current, r -> number(total(r).path("failures")), false));
        metrics.add(metric("failedRequests.percent", Metric.Unit.PERCENT, baseline, current, RunComparison::failurePercent, false));
        metrics.add(metric("failedRequests.count@interrupted", Metric.Unit.COUNT, baseline, current,
                r -> number(r.path("measures").path("phases").path("interrupted").path("failures")), false));
        for (String stat : List.of("p50", "p95", "p99")) {
            metrics.add(metric("latency." + stat, Metric.Unit.MILLIS, baseline, current, r -> number(total(r).path(stat + "Millis")), false));
        }
        metrics.add(metric("latency.p99@interrupted", Metric.Unit.MILLIS, baseline, current,
                r -> number(r.path("measures").path("phases").path("interrupted").path("p99Millis")), false));
        metrics.add(seconds("recoveryTime.max", baseline, current, RunComparison::recoveryTime));
        metrics.add(metric("healthyCapacity.minPercent", Metric.Unit.PERCENT, baseline, current, RunComparison::minCapacityPercent, true));
        return new RunComparison(baseline.path("runId").asText("baseline"), current.path("runId").asText("current"), metrics, thresholdPercent);
    }

    /** The metrics worse than the baseline beyond the threshold. */
    public List<Metric> regressions() {
        return metrics.stream().filter(m -> m.regressed(thresholdPercent)).toList();
    }

    /** A table for the console: one line per metric, the flagged ones marked WORSE. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-34s %-12s %-12s %-9s%n", "metric", "baseline", "current", "change"));
        for (Metric m : metrics) {
            double change = m.changePercent();
            String changeText = Double.isNaN(change) || Double.isInfinite(change) ? (m.baseline() == m.current() ? "=" : "")
                    : String.format(Locale.ROOT, "%+.1f%%", change);
            String flag = m.regressed(thresholdPercent) ? "WORSE" : m.improved(thresholdPercent) ? "better" : "";
            b.append(String.format(Locale.ROOT, "%-34s %-12s %-12s %-9s %s", m.key(), Metric.format(m.unit(), m.baseline()),
                    Metric.format(m.unit(), m.current()), changeText, flag).stripTrailing()).append('\n');
        }
        return b.toString();
    }

    private static Metric seconds(String key, JsonNode baseline, JsonNode current, Function<JsonNode, Double> read) {
        return metric(key, Metric.Unit.SECONDS, baseline, current, read, false);
    }

    private static Metric metric(String key, Metric.Unit unit, JsonNode baseline, JsonNode current, Function<JsonNode, Double> read,
                                 boolean higherIsBetter) {
        return new Metric(key, unit, read.apply(baseline), read.apply(current), higherIsBetter);
    }

    private static double stat(JsonNode record, String field, String stat) {
        JsonNode list = record.path("measures").path(field);
        double[] values = new double[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = duration(list.get(i));
        }
        return Percentiles.of(stat, values);
    }

    /** A run that measured and never recovered reads as infinitely slow, worse than any baseline. */
    private static double recoveryTime(JsonNode record) {
        JsonNode measures = record.path("measures");
        if (!measures.isObject()) {
            return Double.NaN;
        }
        JsonNode value = measures.path("recoveryTime");
        return value.isNull() || value.isMissingNode() ? Double.POSITIVE_INFINITY : duration(value);
    }

    private static JsonNode total(JsonNode record) {
        return record.path("measures").path("total");
    }

    private static double failurePercent(JsonNode record) {
        double requests = number(total(record).path("requests"));
        return Double.isNaN(requests) || requests == 0 ? Double.NaN : number(total(record).path("failures")) * 100.0 / requests;
    }

    private static double minCapacityPercent(JsonNode record) {
        double desired = number(record.path("measures").path("desiredCapacity"));
        return Double.isNaN(desired) || desired == 0 ? Double.NaN : number(record.path("measures").path("minHealthyCapacity")) * 100.0 / desired;
    }

    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }

    /** ISO durations ("PT3.5S") as written by run.json, or plain seconds; NaN when absent (e.g. never recovered). */
    private static double duration(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (!node.isTextual()) {
            return Double.NaN;
        }
        try {
            return Duration.parse(node.asText()).toNanos() / 1e9;
        } catch (java.time.format.DateTimeParseException e) {
            return Double.NaN;
        }
    }
}
