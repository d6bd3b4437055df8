package dev.spotsim.cli.gameday;

import dev.spotsim.gameday.plan.PlannedStep;
import dev.spotsim.gameday.run.GamedayResult;
import dev.spotsim.gameday.run.Outcome;
import dev.spotsim.gameday.run.StepResult;
import dev.spotsim.reports.record.Measures;
import dev.spotsim.reports.record.PhaseStats;
import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.record.SecondSample;
import dev.spotsim.reports.record.SloResult;
import dev.spotsim.reports.record.TimelineEntry;
import dev.spotsim.reports.slo.SloEvaluator;
import dev.spotsim.scenarios.model.Scenario;
import dev.spotsim.scenarios.model.Slo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns what a game day observed into the same {@link RunRecord} a local run writes, so the same
 * report and SLO gate apply. What AWS does not show (inside the instances: drain, detection, killed
 * workloads; latency) reads "no data" and so breaks its SLO, as silence is not evidence. A stop
 * condition that broke is one more broken result. Exit: 0 every SLO holds, 2 one is broken, 1 no verdict.
 */
final class GamedayRecord {
    private GamedayRecord() {
    }

    static RunRecord of(Scenario scenario, GamedayResult raw) {
        GamedayResult r = raw.redacted();
        List<TimelineEntry> timeline = r.timeline().stream().map(e -> new TimelineEntry(e.at(), e.kind(), e.instanceId(), e.detail())).toList();
        Measures measures = measures(r);
        List<SloResult> slos = new ArrayList<>();
        for (Slo slo : slos(scenario)) {
            slos.add(evaluate(slo, r, measures));
        }
        if (r.brokenGuard() != null) {
            GamedayResult.BrokenGuard g = r.brokenGuard();
            slos.add(new SloResult("stopConditions." + g.key(), g.condition(), g.measured(), number(g.measured()), false,
                    "stop condition " + g.key() + " = " + number(g.measured()) + ", expected " + g.condition() + ": the game day was stopped"));
        }
        boolean verdict = r.outcome() == Outcome.COMPLETED || r.outcome() == Outcome.STOPPED;
        int exit = SloEvaluator.exitCode(verdict, slos);
        String error = r.outcome() == Outcome.COMPLETED ? null : r.reason();
        return new RunRecord(r.plan().runId(), scenario.name(), "aws:" + r.plan().region(), scenario.seed(), r.startedAt(), r.endedAt(),
                r.outcome().wireName(), error, timeline, List.of(), seconds(r), measures, slos, exit);
    }

    /** The game day's own SLOs when it lists some, else the scenario's. */
    static List<Slo> slos(Scenario scenario) {
        Map<String, String> own = scenario.gameday() == null ? Map.of() : scenario.gameday().slos();
        Map<String, String> chosen = own.isEmpty() ? scenario.slos() : own;
        return chosen.entrySet().stream().map(e -> Slo.parse(e.getKey(), e.getValue())).sorted(Comparator.comparing(Slo::key)).toList();
    }

    private static Measures measures(GamedayResult r) {
        PhaseStats total = r.requests() == null ? PhaseStats.empty()
                : new PhaseStats(r.requests().requests(), r.requests().failures(), Map.of(), 0, 0, 0, 0, 0, 0,
                Duration.between(r.loadStartedAt(), r.endedAt()).toMillis() / 1000.0);
        return new Measures(List.of(), List.of(), 0, Map.of(), total, r.recoveryTime(), r.minCapacity(), r.desiredCapacity());
    }

    private static SloResult evaluate(Slo slo, GamedayResult r, Measures m) {
        String why = unmeasured(slo, r);
        if (why != null) {
            String condition = slo.operator().symbol() + " " + slo.thresholdText();
            return new SloResult(slo.key(), condition, Double.NaN, "no data", false, slo.key() + ": no data (" + why + "), expected " + condition);
        }
        return SloEvaluator.evaluate(List.of(slo), m).get(0);
    }

    /** Why a game day has no figure for this SLO, or null when it has one. */
    private static String unmeasured(Slo slo, GamedayResult r) {
        if (slo.phase() != null) {
            return "a game day has no per-phase figures";
        }
        return switch (slo.metric()) {
            case HEALTHY_CAPACITY -> r.capacity().isEmpty() ? "EC2 was never polled" : null;
            case RECOVERY_TIME -> r.steps().stream().anyMatch(s -> "completed".equals(s.status())) ? null : "nothing was interrupted";
            case FAILED_REQUESTS -> r.requests() == null ? "no load generator reported request figures (a spotsim-load line)" : null;
            default -> "not observable on AWS: spotsim sees EC2, FIS and SSM, not inside the instances";
        };
    }

    /**
     * One row per EC2 poll: running capacity against the group's size at the start, in the phases of
     * {@link Slo.Phase}: steady before the first notice, interrupted from it until capacity is back, recovering after.
     */
    private static List<SecondSample> seconds(GamedayResult r) {
        List<Instant> interruptions = r.steps().stream().map(StepResult::interruptionAt).filter(Objects::nonNull).sorted().toList();
        Instant firstNotice = interruptions.isEmpty() ? null : interruptions.get(0).minus(PlannedStep.NOTICE);
        Instant recovered = interruptions.isEmpty() || r.recoveryTime() == null ? null
                : interruptions.get(interruptions.size() - 1).plus(r.recoveryTime());
        List<SecondSample> out = new ArrayList<>();
        long previous = -1;
        for (GamedayResult.CapacitySample c : r.capacity()) {
            long second = Math.max(0, Duration.between(r.loadStartedAt(), c.at()).toSeconds());
            if (second == previous) {
                continue;
            }
            previous = second;
            String phase = firstNotice == null || c.at().isBefore(firstNotice) ? "steady"
                    : recovered == null || c.at().isBefore(recovered) ? "interrupted" : "recovering";
            out.add(new SecondSample(second, 0, 0, Map.of(), 0, 0, 0, c.running(), r.desiredCapacity(), phase));
        }
        return out;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
