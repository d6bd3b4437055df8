package dev.spotsim.reports.slo;

import dev.spotsim.reports.record.Measures;
import dev.spotsim.reports.record.PhaseStats;
import dev.spotsim.reports.record.SloResult;
import dev.spotsim.scenarios.model.Slo;
import dev.spotsim.scenarios.time.Durations;
import java.time.Duration;
import java.util.List;

/** Holds each SLO against the run's measures. A metric with no data breaks its SLO: silence is not evidence. */
public final class SloEvaluator {
    private SloEvaluator() {
    }

    /** The gate's exit code: 1 when the run reached no verdict, else 0 when every SLO holds and 2 when one is broken. */
    public static int exitCode(boolean verdictReached, List<SloResult> results) {
        return !verdictReached ? 1 : results.stream().allMatch(SloResult::holds) ? 0 : 2;
    }

    public static List<SloResult> evaluate(List<Slo> slos, Measures m) {
        return evaluate(slos, m, null);
    }

    /** Holds each SLO; relative ones ("<= baseline + 10%") against {@code baseline}'s same figure (null: no baseline given). */
    public static List<SloResult> evaluate(List<Slo> slos, Measures m, Measures baseline) {
        return slos.stream().map(slo -> evaluate(slo, m, baseline)).toList();
    }

    static SloResult evaluate(Slo slo, Measures m) {
        return evaluate(slo, m, null);
    }

    static SloResult evaluate(Slo slo, Measures m, Measures baseline) {
        double measured = measure(slo, m);
        double threshold = slo.threshold();
        String condition = slo.operator().symbol() + " " + slo.thresholdText();
        if (slo.isRelative()) {
            double before = baseline == null ? Double.NaN : measure(slo, baseline);
            if (Double.isNaN(before)) {
                String why = baseline == null ? "no baseline run was given (--baseline PATH)" : "the baseline run measured nothing for it";
                return new SloResult(slo.key(), condition, measured, "no data", false, slo.key() + ": no baseline (" + why + "), expected " + condition);
            }
            threshold = slo.relativeTo().threshold(before);
            condition = condition + " (baseline " + text(slo, before) + ", limit " + text(slo, threshold) + ")";
        }
        if (Double.isNaN(measured)) {
            // Never "ok": an interrupted run measured nothing for it, and silence is not evidence.
            return new SloResult(slo.key(), condition, measured, "no data", false,
                    slo.key() + ": no data (" + noDataReason(slo) + "), expected " + condition);
        }
        boolean holds = slo.operator().holds(measured, threshold);
        String text = text(slo, measured);
        String message = slo.key() + " = " + text + (holds ? ", within " : ", expected ") + condition;
        return new SloResult(slo.key(), condition, measured, text, holds, message);
    }

    private static double measure(Slo slo, Measures m) {
        return switch (slo.metric()) {
            case DRAIN_TIME -> Percentiles.of(slo.stat(), seconds(m.drainTimes()));
            case DETECTION_LATENCY -> Percentiles.of(slo.stat(), seconds(m.detectionLatencies()));
            case RECOVERY_TIME -> m.recoveryTime() == null ? Double.POSITIVE_INFINITY : m.recoveryTime().toMillis() / 1000.0;
            case KILLED_WORKLOADS -> m.killedWorkloads() == 0 && m.drainTimes().isEmpty() ? Double.NaN : m.killedWorkloads();
            case FAILED_REQUESTS -> {
                PhaseStats s = phase(slo, m);
                yield s.requests() == 0 ? Double.NaN : slo.stat().equals("percent") ? s.failurePercent() : s.failures();
            }
            case LATENCY -> {
                PhaseStats s = phase(slo, m);
                if (s.requests() == 0) {
                    yield Double.NaN;
                }
                double millis = switch (slo.stat()) {
                    case "p50" -> s.p50Millis();
                    case "p90" -> s.p90Millis();
                    case "p95" -> s.p95Millis();
                    case "p99" -> s.p99Millis();
                    case "max" -> s.maxMillis();
                    default -> s.meanMillis();
                };
                yield millis / 1000.0;
            }
            case HEALTHY_CAPACITY -> m.desiredCapacity() == 0 ? Double.NaN
                    : slo.stat().equals("min") ? m.minHealthyCapacity() : m.minHealthyCapacity() * 100.0 / m.desiredCapacity();
        };
    }

    private static String text(Slo slo, double value) {
        return Double.isInfinite(value) ? "never" : slo.isDuration() ? seconds(value) : number(value);
    }

    private static PhaseStats phase(Slo slo, Measures m) {
        return slo.phase() == null ? m.total() : m.phases().getOrDefault(slo.phase().wireName(), PhaseStats.empty());
    }

    private static double[] seconds(List<Duration> durations) {
        return durations.stream().mapToDouble(d -> d.toMillis() / 1000.0).toArray();
    }

    private static String noDataReason(Slo slo) {
        return switch (slo.metric()) {
            case DRAIN_TIME -> "no workload exited after a notice";
            case DETECTION_LATENCY -> "nothing detected a notice";
            case LATENCY, FAILED_REQUESTS -> "no requests" + (slo.phase() == null ? "" : " in phase " + slo.phase().wireName());
            case KILLED_WORKLOADS -> "no workload was interrupted";
            case HEALTHY_CAPACITY -> "no capacity was measured";
            default -> "nothing measured";
        };
    }

    private static String number(double v) {
        if (Double.isInfinite(v)) {
            return "never";
        }
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
    }

    /** "1.4s" under a minute (drains are read to a tenth of a second), "2m5s" above. */
    static String seconds(double value) {
        if (value < 60) {
            String text = String.format(java.util.Locale.ROOT, "%.1f", value);
            return (text.endsWith(".0") ? text.substring(0, text.length() - 2) : text) + "s";
        }
        return Durations.format(Duration.ofSeconds(Math.round(value)));
    }
}
