package dev.spotsim.cli.gameday;

import dev.spotsim.gameday.run.GamedayResult;
import dev.spotsim.reports.record.Outcome;
import dev.spotsim.reports.record.Measures;
import dev.spotsim.reports.record.PhaseStats;
import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.record.SloResult;
import dev.spotsim.reports.record.TimelineEntry;
import dev.spotsim.reports.record.TimelineKind;
import dev.spotsim.reports.record.WorkloadDrain;
import dev.spotsim.gatling.figures.LoadFigures;
import dev.spotsim.reports.slo.SloEvaluator;
import dev.spotsim.scenarios.model.Scenario;
import dev.spotsim.scenarios.model.Slo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns what a game day observed into the same {@link RunRecord} a local run writes, so the same
 * report and SLO gate apply: drain from ECS, target health and lifecycle reads, requests and latency from
 * the generators' spotsim load figures. What was not observed reads "no data" and so breaks its SLO, as silence is not evidence. A stop
 * condition that broke is one more broken result. Exit: 0 every SLO holds, 2 one is broken, 1 no verdict.
 */
final class GamedayRecord {
    private GamedayRecord() {
    }

    static RunRecord of(Scenario scenario, GamedayResult raw) {
        return of(scenario, raw, null);
    }

    /** {@code localFigures}: Gatling's figures from this machine against the staging URL, when it ran (null otherwise). */
    static RunRecord of(Scenario scenario, GamedayResult raw, LoadFigures localFigures) {
        GamedayResult r = raw.redacted();
        List<TimelineEntry> timeline = r.timeline();
        GamedayPhases phases = new GamedayPhases(r);
        GamedayLoad load = GamedayLoad.of(r, localFigures);
        List<WorkloadDrain> workloads = r.workloads().stream().map(w -> new WorkloadDrain(w.workloadId(), w.instanceId(), w.kind(), w.notice(),
                w.detected(), w.deregistered(), w.sigterm(), w.exited(), w.killed(), w.exitCode())).toList();
        Measures measures = measures(r, load, phases, workloads);
        List<SloResult> slos = new ArrayList<>();
        for (Slo slo : slos(scenario)) {
            slos.add(evaluate(slo, r, load, measures));
        }
        if (r.brokenGuard() != null) {
            GamedayResult.BrokenGuard g = r.brokenGuard();
            slos.add(new SloResult("stopConditions." + g.key(), g.condition(), g.measured(), number(g.measured()), false,
                    "stop condition " + g.key() + " = " + number(g.measured()) + ", expected " + g.condition() + ": the game day was stopped"));
        }
        int exit = SloEvaluator.exitCode(r.outcome().reachesVerdict(), slos);
        String error = r.outcome() == Outcome.COMPLETED ? null : r.reason();
        List<TimelineEntry> all = new ArrayList<>(timeline);
        load.problems().forEach(p -> all.add(new TimelineEntry(r.endedAt(), TimelineKind.LOAD, null, p)));
        return new RunRecord(r.plan().runId(), scenario.name(), "aws:" + r.plan().region(), scenario.seed(), r.startedAt(), r.endedAt(),
                r.outcome().wireName(), error, all, workloads, GamedayLoad.seconds(r, load, phases), measures, slos, exit);
    }

    /** The game day's own SLOs when it lists some, else the scenario's. */
    static List<Slo> slos(Scenario scenario) {
        Map<String, String> own = scenario.gameday() == null ? Map.of() : scenario.gameday().slos();
        Map<String, String> chosen = own.isEmpty() ? scenario.slos() : own;
        return chosen.entrySet().stream().map(e -> Slo.parse(e.getKey(), e.getValue())).sorted(Comparator.comparing(Slo::key)).toList();
    }

    private static Measures measures(GamedayResult r, GamedayLoad load, GamedayPhases phases, List<WorkloadDrain> workloads) {
        double loadSeconds = Duration.between(r.loadStartedAt(), r.endedAt()).toMillis() / 1000.0;
        PhaseStats total;
        Map<String, PhaseStats> perPhase = Map.of();
        if (load.figures().isPresent()) {
            total = load.stats(w -> true, loadSeconds);
            perPhase = load.phases(phases, r);
        } else {
            total = r.requests() == null ? PhaseStats.empty()
                    : new PhaseStats(r.requests().requests(), r.requests().failures(), Map.of(), 0, 0, 0, 0, 0, 0, loadSeconds);
        }
        return new Measures(workloads.stream().map(WorkloadDrain::detectionLatency).filter(Objects::nonNull).toList(),
                workloads.stream().map(WorkloadDrain::drainTime).filter(Objects::nonNull).toList(),
                (int) workloads.stream().filter(WorkloadDrain::wasKilled).count(), perPhase, total, r.recoveryTime(), r.healthyCapacity().min(),
                r.healthyCapacity().desired());
    }

    private static SloResult evaluate(Slo slo, GamedayResult r, GamedayLoad load, Measures m) {
        String why = unmeasured(slo, r, load);
        if (why != null) {
            String condition = slo.operator().symbol() + " " + slo.thresholdText();
            return new SloResult(slo.key(), condition, Double.NaN, "no data", false, slo.key() + ": no data (" + why + "), expected " + condition);
        }
        return SloEvaluator.evaluate(List.of(slo), m).get(0);
    }

    /** Why a game day has no figure for this SLO, or null when it has one. */
    private static String unmeasured(Slo slo, GamedayResult r, GamedayLoad load) {
        boolean figures = load.figures().isPresent();
        if (slo.phase() != null && !figures) {
            return "per-phase figures come from spotsim load on the generators (gameday.loadGenerators.gatling)";
        }
        boolean drain = !r.workloads().isEmpty();
        String noDrain = r.drainFailure() != null ? "drain reads failed: " + r.drainFailure()
                : "no interrupted workload was observed: give gameday.drain.ecsCluster, or attach a target group to the Auto Scaling group";
        return switch (slo.metric()) {
            case HEALTHY_CAPACITY -> r.capacity().isEmpty() ? "EC2 was never polled" : null;
            case RECOVERY_TIME -> r.steps().stream().anyMatch(s -> "completed".equals(s.status())) ? null : "nothing was interrupted";
            case FAILED_REQUESTS -> figures || r.requests() != null ? null
                    : "no load generator reported request figures (spotsim load, or a spotsim-load line)";
            case LATENCY -> figures ? null : "latency comes from spotsim load's figures (gameday.loadGenerators.gatling)";
            case DRAIN_TIME, DETECTION_LATENCY, KILLED_WORKLOADS -> drain ? null : noDrain;
        };
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
