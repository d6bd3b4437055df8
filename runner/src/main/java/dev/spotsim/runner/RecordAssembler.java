package dev.spotsim.runner;

import dev.spotsim.reports.record.Measures;
import dev.spotsim.reports.record.PhaseStats;
import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.record.SecondSample;
import dev.spotsim.reports.record.SloResult;
import dev.spotsim.reports.record.TimelineEntry;
import dev.spotsim.reports.record.WorkloadDrain;
import dev.spotsim.reports.slo.SloEvaluator;
import dev.spotsim.scenarios.model.Scenario;
import dev.spotsim.simulator.platform.TaskRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Turns what a local run saw (tasks, platform timeline, requests, capacity, played steps) into its {@link RunRecord}. */
final class RecordAssembler {
    /** Platform timeline kinds renamed to the record's words. */
    private static final Map<String, String> KINDS = Map.of("killed", "kill", "task-started", "task-start", "task-crashed", "crash");

    private final Scenario scenario;
    private final Measures baseline;
    private final String runId;
    private final long seed;
    private final Instant startedAt;
    private final RequestLog requests;
    private List<TaskRecord> tasks = List.of();
    private List<dev.spotsim.simulator.platform.TimelineEntry> platformTimeline = List.of();

    RecordAssembler(Scenario scenario, String runId, long seed, Instant startedAt, RequestLog requests, Measures baseline) {
        this.scenario = scenario;
        this.baseline = baseline;
        this.runId = runId;
        this.seed = seed;
        this.startedAt = startedAt;
        this.requests = requests;
    }

    void platform(List<TaskRecord> tasks, List<dev.spotsim.simulator.platform.TimelineEntry> timeline) {
        this.tasks = List.copyOf(tasks);
        this.platformTimeline = List.copyOf(timeline);
    }

    RunRecord build(String outcome, String error, Instant endedAt, Instant loadStart, CapacityWatch capacity, int desired,
                    List<StepResult> steps, List<TimelineEntry> own) {
        List<WorkloadDrain> workloads = tasks.stream().filter(t -> t.notice() != null).map(RecordAssembler::drain).toList();
        Phases phases = new Phases();
        Duration recovery = recovery(steps, capacity, desired, endedAt, phases);
        List<SecondSample> seconds = List.of();
        int minHealthy = desired;
        if (capacity != null) {
            // Second 0 is the run's start, as every other instant of the record counts from it; the start-up shows as such.
            int n = (int) Math.max(1, (Duration.between(startedAt, endedAt).toMillis() + 999) / 1000);
            seconds = requests.seconds(startedAt, n, i -> capacity.at(startedAt.plusSeconds(i + 1L).minusMillis(1)), desired,
                    i -> phases.during(startedAt.plusSeconds(i), startedAt.plusSeconds(i + 1L)));
            minHealthy = capacity.minSince(loadStart == null ? endedAt : loadStart);
        }
        Measures measures = new Measures(
                workloads.stream().map(WorkloadDrain::detectionLatency).filter(Objects::nonNull).toList(),
                workloads.stream().map(WorkloadDrain::drainTime).filter(Objects::nonNull).toList(),
                (int) workloads.stream().filter(WorkloadDrain::wasKilled).count(),
                phaseStats(phases, seconds, loadSecond(loadStart)), requests.stats(e -> true, seconds.size() - loadSecond(loadStart)),
                recovery, minHealthy, desired);
        List<SloResult> slos = SloEvaluator.evaluate(scenario.parsedSlos(), measures, baseline);
        int exitCode = SloEvaluator.exitCode(outcome.equals("completed"), slos);
        return new RunRecord(runId, scenario.name(), "local", seed, startedAt, endedAt, outcome, error, timeline(own), workloads, seconds,
                measures, slos, exitCode);
    }

    /**
     * A drain ends clean only with the workload's own exit (by itself, or answering the stop signal it
     * was sent); SIGKILL from anyone (spotsim at a deadline, the OOM killer), or a crash by another
     * signal, counts as killed at its exit.
     */
    static WorkloadDrain drain(TaskRecord t) {
        boolean clean = t.drainedCleanly();
        Instant killed = t.killed() != null ? t.killed() : clean ? null : t.exited();
        return new WorkloadDrain(t.taskId(), t.instanceId(), t.lane(), t.notice(), t.detected(), t.deregistered(), t.sigterm(),
                clean ? t.exited() : null, killed, t.exitCode(), t.stopSignal(), t.exitSignal(), t.oomKilled(), t.explanation(), t.workload());
    }

    /**
     * Per step that hit something: interrupted from its first signal to its last action, recovering
     * from there until healthy capacity is back. The longest recovery; null when one never came back.
     */
    private static Duration recovery(List<StepResult> steps, CapacityWatch capacity, int desired, Instant endedAt, Phases phases) {
        Duration longest = Duration.ZERO;
        boolean never = false;
        for (StepResult s : steps) {
            if (!s.hitSomething()) {
                continue;
            }
            phases.interrupted(s.firstSignal(), s.lastAction());
            Instant back = capacity == null ? null : capacity.firstAtLeast(desired, s.lastAction());
            phases.recovering(s.lastAction(), back == null ? endedAt : back);
            if (back == null) {
                never = true;
            } else if (Duration.between(s.lastAction(), back).compareTo(longest) > 0) {
                longest = Duration.between(s.lastAction(), back);
            }
        }
        return never ? null : longest;
    }

    /** The first second of load (earlier seconds are the start-up, with no requests). */
    private long loadSecond(Instant loadStart) {
        return loadStart == null ? 0 : Duration.between(startedAt, loadStart).toSeconds();
    }

    private Map<String, PhaseStats> phaseStats(Phases phases, List<SecondSample> seconds, long loadSecond) {
        Map<String, PhaseStats> out = new LinkedHashMap<>();
        for (String phase : List.of(Phases.STEADY, Phases.INTERRUPTED, Phases.RECOVERING)) {
            long inPhase = seconds.stream().filter(s -> s.phase().equals(phase) && s.second() >= loadSecond).count();
            out.put(phase, requests.stats(e -> phases.at(Instant.ofEpochMilli(e.startMillis())).equals(phase), inPhase));
        }
        return out;
    }

    private List<TimelineEntry> timeline(List<TimelineEntry> own) {
        List<TimelineEntry> all = new ArrayList<>(own);
        platformTimeline.forEach(e -> all.add(new TimelineEntry(e.at(), KINDS.getOrDefault(e.kind(), e.kind()), e.instanceId(), e.detail())));
        for (TaskRecord t : tasks) {
            if (t.deregistered() != null) {
                all.add(new TimelineEntry(t.deregistered(), "deregistered", t.instanceId(), t.taskId()));
            }
            if (t.notice() != null && t.drainedCleanly()) {
                all.add(new TimelineEntry(t.exited(), "exit", t.instanceId(), t.taskId() + " exited " + t.exitCode()));
            }
        }
        all.sort(Comparator.comparing(TimelineEntry::at));
        return all;
    }
}
