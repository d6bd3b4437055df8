package dev.spotsim.gameday.run;

import dev.spotsim.reports.record.Outcome;
import dev.spotsim.gameday.Redactor;
import dev.spotsim.reports.record.TimelineEntry;
import dev.spotsim.gameday.drain.WorkloadObservation;
import dev.spotsim.gameday.plan.GamedayPlan;
import dev.spotsim.gameday.ssm.Invocation;
import dev.spotsim.gameday.ssm.LoadCommand;
import dev.spotsim.gameday.ssm.LoadSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything a game day observed, for the run record: the timeline (instance states and launches,
 * experiments, commands, guards, clean-up), each step's fate, every command invocation with its
 * output, running capacity at each poll against the group's size at the start, recovery time (null
 * when capacity did not come back within the bound or nothing was interrupted), request figures
 * reported by the generators or the live load, the broken guard if one stopped the run, clean-up problems, what
 * was seen of each interrupted workload's drain, and why drain reads stopped (null when they did not).
 */
public record GamedayResult(GamedayPlan plan, Instant startedAt, Instant loadStartedAt, Instant endedAt, Outcome outcome, String reason,
                            List<TimelineEntry> timeline, List<StepResult> steps, List<Invocation> invocations,
                            List<CapacitySample> capacity, int desiredCapacity, Duration recoveryTime, LoadSummary requests,
                            BrokenGuard brokenGuard, List<String> cleanupProblems, List<WorkloadObservation> workloads,
                            String drainFailure) {
    public GamedayResult {
        workloads = workloads == null ? List.of() : List.copyOf(workloads);
        timeline = List.copyOf(timeline);
        steps = List.copyOf(steps);
        invocations = List.copyOf(invocations);
        capacity = List.copyOf(capacity);
        cleanupProblems = List.copyOf(cleanupProblems);
    }

    /** Running instances in the group at one poll, and healthy targets in its target groups (null when none were read). */
    public record CapacitySample(Instant at, int running, Integer healthyTargets) {
        public CapacitySample(Instant at, int running) {
            this(at, running, null);
        }
    }

    /**
     * The lowest healthy capacity against the reference: healthy targets against those healthy at the first
     * poll when target health was read (what a team's HealthyHostCount alarm watches), else running instances
     * against the group's size at the start.
     */
    public record HealthyCapacity(int min, int desired, boolean fromTargets) {
    }

    /** The stop condition that broke: its key, condition and the value measured. */
    public record BrokenGuard(String key, String condition, double measured) {
    }

    /** A copy fit to print or store: secrets masked in command lines, command output and the timeline. */
    public GamedayResult redacted() {
        List<TimelineEntry> events = timeline.stream().map(e -> new TimelineEntry(e.at(), e.kind(), e.instanceId(), Redactor.redact(e.detail()))).toList();
        List<Invocation> outputs = invocations.stream().map(i -> new Invocation(i.commandId(), i.instanceId(), i.status(), i.statusDetails(),
                i.responseCode(), Redactor.redact(i.stdout()), Redactor.redact(i.stderr()), i.stdoutCapped(), i.stderrCapped(),
                i.executionStart(), i.executionEnd())).toList();
        LoadCommand command = plan.loadCommand() == null ? null : new LoadCommand(plan.loadCommand().comment(),
                plan.loadCommand().commands().stream().map(Redactor::redact).toList(), plan.loadCommand().workingDirectory(),
                plan.loadCommand().executionTimeout(), plan.loadCommand().deliveryTimeout());
        GamedayPlan p = new GamedayPlan(plan.runId(), plan.scenario(), plan.region(), plan.group(), plan.groupInstances(), plan.spotCandidates(),
                plan.maxInstances(), plan.maxPercent(), plan.steps(), plan.generatorSelector(), plan.loadGenerators(), command,
                plan.stopConditions(), plan.stopAlarms(), plan.pollInterval(), plan.recoveryTimeout(), plan.loadDuration(), plan.deadline(),
                plan.notes());
        return new GamedayResult(p, startedAt, loadStartedAt, endedAt, outcome, Redactor.redact(reason), events, steps, outputs, capacity,
                desiredCapacity, recoveryTime, requests, brokenGuard, cleanupProblems, workloads, Redactor.redact(drainFailure));
    }

    /** Healthy capacity as the healthyCapacity SLO and guard read it: targets when read, else running instances. */
    public HealthyCapacity healthyCapacity() {
        // From the first poll with a healthy target on, as the run's guard reads it.
        List<Integer> targets = capacity.stream().map(CapacitySample::healthyTargets).filter(java.util.Objects::nonNull)
                .dropWhile(n -> n == 0).toList();
        if (targets.isEmpty()) {
            return new HealthyCapacity(minCapacity(), desiredCapacity, false);
        }
        return new HealthyCapacity(targets.stream().mapToInt(Integer::intValue).min().orElseThrow(), targets.get(0), true);
    }

    /** The lowest running capacity seen. */
    public int minCapacity() {
        return capacity.stream().mapToInt(CapacitySample::running).min().orElse(desiredCapacity);
    }
}
