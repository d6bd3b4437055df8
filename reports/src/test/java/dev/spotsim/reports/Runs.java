package dev.spotsim.reports;

import dev.spotsim.reports.record.Measures;
import dev.spotsim.reports.record.PhaseStats;
import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.record.SecondSample;
import dev.spotsim.reports.record.SloResult;
import dev.spotsim.reports.record.TimelineEntry;
import dev.spotsim.reports.record.WorkloadDrain;
import dev.spotsim.reports.slo.SloEvaluator;
import dev.spotsim.scenarios.model.Slo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/** Small, plausible run records to render and judge. */
public final class Runs {
    static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    private Runs() {
    }

    static Measures measures(List<Duration> drains, int killed, double interruptedFailurePercent, Duration recovery) {
        long requests = 1000;
        long failures = Math.round(requests * interruptedFailurePercent / 100);
        PhaseStats interrupted = new PhaseStats(requests, failures, failures == 0 ? Map.of() : Map.of("502", failures), 4, 8, 9, 20, 40, 5, 120);
        PhaseStats steady = new PhaseStats(3000, 0, Map.of(), 3, 6, 7, 10, 30, 4, 30);
        PhaseStats total = new PhaseStats(4000, failures, Map.of(), 3, 7, 8, 15, 40, 4.5, 200);
        return new Measures(List.of(Duration.ofMillis(800)), drains, killed, Map.of("steady", steady, "interrupted", interrupted),
                total, recovery, 4, 6);
    }

    static RunRecord run(Measures m, List<SloResult> slos, int exitCode) {
        return new RunRecord("20260101-120000-web", "web", "local", 42, T0, T0.plusSeconds(200), "completed", null,
                List.of(new TimelineEntry(T0.plusSeconds(30), "notice", "i-0a1b2c3d4e5f60000", "terminate at 12:02:30")),
                List.of(new WorkloadDrain("w-1", "i-0a1b2c3d4e5f60000", "ecs-ec2", T0.plusSeconds(30), T0.plusSeconds(31),
                        T0.plusSeconds(31), T0.plusSeconds(46), T0.plusSeconds(50), null, 0)),
                List.of(new SecondSample(0, 100, 0, Map.of(), 3, 6, 9, 6, 6, "steady"),
                        new SecondSample(1, 98, 2, Map.of("502", 2), 4, 8, 12, 5, 6, "interrupted")),
                m, slos, exitCode);
    }

    private static final String I3 = "i-0a1b2c3d4e5f60003";
    private static final String I5 = "i-0a1b2c3d4e5f60005";

    /**
     * A realistic interrupted run, 120 s of a 6-instance fleet under ~200 req/s: two instances get a
     * rebalance recommendation 10 s before their notice (40 s before the action); the drain-aware
     * workload on one is deregistered, gets SIGTERM and exits; the naive one on the other stops
     * answering at SIGTERM (a 502 burst until the action) and is killed; replacements bring the
     * healthy count back from 4 to 6.
     */
    public static RunRecord sampleInterruptedRun() {
        List<TimelineEntry> timeline = List.of(
                entry(0, "phase", null, "steady"),
                entry(20.0, "rebalance", I3, "rebalance recommendation"),
                entry(20.4, "rebalance", I5, "rebalance recommendation"),
                entry(30.0, "notice", I3, "terminate at 2026-01-01T12:01:10Z"),
                entry(30.0, "phase", null, "interrupted"),
                entry(30.4, "notice", I5, "terminate at 2026-01-01T12:01:10.400Z"),
                entry(31.0, "deregistered", I3, "w-api-3 from target group web (deregistration delay 15s)"),
                entry(46.0, "sigterm", I3, "w-api-3"),
                entry(52.3, "exit", I3, "w-api-3 exit 0"),
                entry(60.4, "sigterm", I5, "w-api-5, SIGKILL at the action if still running"),
                entry(70.0, "action", I3, "terminated"),
                entry(70.4, "action", I5, "terminated"),
                entry(70.4, "kill", I5, "w-api-5 still running at the action time"),
                entry(71.0, "phase", null, "recovering"),
                entry(72.0, "launch", "i-0a1b2c3d4e5f60007", "replaces " + I3 + " in c5.large/us-east-1b"),
                entry(72.5, "launch", "i-0a1b2c3d4e5f60008", "replaces " + I5 + " in m5.large/us-east-1a"),
                entry(93.0, "healthy", "i-0a1b2c3d4e5f60007", "target healthy in web"),
                entry(96.0, "healthy", "i-0a1b2c3d4e5f60008", "target healthy in web"),
                entry(96.0, "phase", null, "steady"));
        List<WorkloadDrain> workloads = List.of(
                new WorkloadDrain("w-api-3", I3, "ecs-ec2", at(30.0), at(31.0), at(31.0), at(46.0), at(52.3), null, 0),
                new WorkloadDrain("w-api-5", I5, "ecs-ec2", at(30.4), null, null, at(60.4), null, at(70.4), 137));
        Random random = new Random(42);
        List<SecondSample> seconds = new ArrayList<>();
        for (int t = 0; t < 120; t++) {
            String phase = t < 30 ? "steady" : t <= 70 ? "interrupted" : t < 96 ? "recovering" : "steady";
            int requests = 195 + random.nextInt(12);
            int bad502 = t > 60 && t <= 70 ? 30 + random.nextInt(12) : 0;
            int timeouts = t >= 70 && t <= 72 ? 4 + random.nextInt(4) : 0;
            Map<String, Integer> causes = new LinkedHashMap<>();
            if (bad502 > 0) {
                causes.put("502", bad502);
            }
            if (timeouts > 0) {
                causes.put("timeout", timeouts);
            }
            double slow = t > 60 && t <= 74 ? 6 : phase.equals("recovering") ? 1.8 : 1;
            int healthy = t < 31 ? 6 : t < 70 ? 5 : t < 93 ? 4 : t < 96 ? 5 : 6;
            seconds.add(new SecondSample(t, requests, bad502 + timeouts, causes, 3.5 + random.nextDouble(),
                    (8 + random.nextDouble() * 2) * slow, (14 + random.nextDouble() * 4) * slow, healthy, 6, phase));
        }
        Map<String, PhaseStats> phases = new HashMap<>();
        for (String phase : List.of("steady", "interrupted", "recovering")) {
            phases.put(phase, stats(seconds.stream().filter(s -> s.phase().equals(phase)).toList()));
        }
        Measures m = new Measures(List.of(Duration.ofSeconds(1)), List.of(Duration.ofMillis(22_300)), 1, phases, stats(seconds),
                Duration.ofSeconds(26), 4, 6);
        List<SloResult> slos = SloEvaluator.evaluate(List.of(Slo.parse("drainTime.p95", "< 60s"), Slo.parse("killedWorkloads", "== 0"),
                Slo.parse("failedRequests.percent@interrupted", "< 0.5"), Slo.parse("recoveryTime.max", "< 90s"),
                Slo.parse("latency.p99@steady", "< 50ms")), m);
        return new RunRecord("20260101-120000-web-spot", "web-spot-interruption", "local", 42, T0, T0.plusSeconds(120), "completed", null,
                timeline, workloads, seconds, m, slos, 2);
    }

    /** A run with steady load and no interruption at all: {@code length} seconds, every SLO about requests holds. */
    public static RunRecord quietRun(int length) {
        List<SecondSample> seconds = new ArrayList<>();
        IntFunction<Integer> requests = t -> 100 + (t * 7) % 11;
        for (int t = 0; t < length; t++) {
            seconds.add(new SecondSample(t, requests.apply(t), 0, Map.of(), 3, 6, 9 + (t % 5), 3, 3, "steady"));
        }
        PhaseStats steady = stats(seconds);
        Measures m = new Measures(List.of(), List.of(), 0, Map.of("steady", steady), steady, Duration.ZERO, 3, 3);
        List<SloResult> slos = SloEvaluator.evaluate(List.of(Slo.parse("failedRequests.percent", "< 0.5")), m);
        return new RunRecord("20260101-120000-quiet", "quiet", "local", 7, T0, T0.plusSeconds(length), "completed", null,
                List.of(entry(0, "phase", null, "steady")), List.of(), seconds, m, slos, 0);
    }

    private static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    private static TimelineEntry entry(double seconds, String kind, String instanceId, String detail) {
        return new TimelineEntry(at(seconds), kind, instanceId, detail);
    }

    /** Phase figures summed from the seconds (percentiles approximated by the worst second: good enough for a fixture). */
    private static PhaseStats stats(List<SecondSample> seconds) {
        long requests = seconds.stream().mapToLong(SecondSample::requests).sum();
        long failures = seconds.stream().mapToLong(SecondSample::failures).sum();
        Map<String, Long> causes = new HashMap<>();
        seconds.forEach(s -> s.failuresByCause().forEach((k, n) -> causes.merge(k, (long) n, Long::sum)));
        double p50 = seconds.stream().mapToDouble(SecondSample::p50Millis).average().orElse(0);
        double p95 = seconds.stream().mapToDouble(SecondSample::p95Millis).max().orElse(0);
        double p99 = seconds.stream().mapToDouble(SecondSample::p99Millis).max().orElse(0);
        return new PhaseStats(requests, failures, causes, p50, (p50 + p95) / 2, p95, p99, p99 * 1.3, p50 * 1.2, seconds.size());
    }
}
