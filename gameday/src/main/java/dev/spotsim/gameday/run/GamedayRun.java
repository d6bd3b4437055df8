package dev.spotsim.gameday.run;

import dev.spotsim.reports.record.Outcome;
import dev.spotsim.gameday.Batches;
import dev.spotsim.gameday.Redactor;
import dev.spotsim.reports.record.TimelineEntry;
import dev.spotsim.reports.record.TimelineKind;
import dev.spotsim.gameday.ec2.Ec2Instance;
import dev.spotsim.gameday.ec2.Ec2Observer;
import dev.spotsim.gameday.drain.DrainObserver;
import dev.spotsim.gameday.drain.DrainReaders;
import dev.spotsim.gameday.ec2.Ec2Targets;
import dev.spotsim.gameday.events.EventQueue;
import dev.spotsim.gameday.fis.FisExperiments;
import dev.spotsim.gameday.plan.GamedayPlan;
import dev.spotsim.gameday.plan.PlannedStep;
import dev.spotsim.gameday.ssm.CommandTracker;
import dev.spotsim.gameday.ssm.LoadCommand;
import dev.spotsim.gameday.ssm.LoadSummary;
import dev.spotsim.gameday.ssm.SsmLoadDrivers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link GamedayPlan} on AWS. It sends the load command, then polls every
 * {@code pollInterval}: EC2 (states, launches, running capacity), due steps (FIS experiments started),
 * experiment statuses, command invocations, and the stop conditions. It ends when every step is
 * settled, capacity recovered (or the recovery bound passed) and the load finished; a broken guard,
 * {@link #stop}, a failed experiment or the deadline end it early, stopping every experiment and
 * cancelling every command. Experiment templates are deleted in every case.
 */
public final class GamedayRun {
    private static final Logger LOG = LoggerFactory.getLogger(GamedayRun.class);
    /** How long a stop waits for FIS and SSM to confirm before deleting templates anyway. */
    static final Duration SETTLE_LIMIT = Duration.ofMinutes(2);

    private final GamedayPlan plan;
    private final SsmLoadDrivers ssm;
    private final RunClock clock;
    private final Ec2Observer observer;
    private final Guards guards;
    private final DrainObserver drain;
    private String drainFailure;
    private final LiveRequests live;
    private final RunEvents events;
    private final List<StepRunner> steps = new ArrayList<>();
    private final List<TimelineEntry> timeline = new ArrayList<>();
    private final List<GamedayResult.CapacitySample> capacity = new ArrayList<>();
    private final List<String> cleanupProblems = new ArrayList<>();
    private final CountDownLatch wake = new CountDownLatch(1);
    private volatile String stopRequest;

    private CommandTracker tracker;
    private Duration recoveryTime;
    private GamedayResult.BrokenGuard brokenGuard;
    /** Healthy targets at the first poll that read target health: the reference of a healthyCapacity guard (null: EC2's running count). */
    private Integer startTargets;

    public GamedayRun(GamedayPlan plan, String partition, Ec2Targets ec2, FisExperiments fis, SsmLoadDrivers ssm, RunClock clock,
                      LiveRequests live) {
        this(plan, partition, ec2, fis, ssm, clock, live, null);
    }

    /** {@code drain}: where drain is measured (null: EC2 only). */
    public GamedayRun(GamedayPlan plan, String partition, Ec2Targets ec2, FisExperiments fis, SsmLoadDrivers ssm, RunClock clock,
                      LiveRequests live, DrainReaders drain) {
        this(plan, partition, ec2, fis, ssm, clock, live, drain, null);
    }

    /**
     * {@code eventQueue}: creates the run's SQS queue and EventBridge rule when the run starts (null: none); when it
     * fails (a missing permission) the run goes on with polled reads only.
     */
    public GamedayRun(GamedayPlan plan, String partition, Ec2Targets ec2, FisExperiments fis, SsmLoadDrivers ssm, RunClock clock,
                      LiveRequests live, DrainReaders drain, java.util.function.Supplier<EventQueue> eventQueue) {
        this.plan = plan;
        this.events = new RunEvents(eventQueue, this::record);
        this.ssm = ssm;
        this.clock = clock;
        this.live = live;
        this.observer = new Ec2Observer(ec2, plan.group());
        this.guards = new Guards(plan.stopConditions(), live);
        this.drain = drain == null || drain.sources().none() ? null
                : new DrainObserver(drain.sources(), drain.targets(), drain.ecs(), observer::stateOf, this::record);
        for (PlannedStep step : plan.steps()) {
            steps.add(new StepRunner(step, plan.group(), partition, plan.region(), ec2, fis, this::record));
        }
    }

    /** Asks the run to stop (Ctrl-C): it stops experiments, cancels commands and cleans up, then {@link #execute} returns. Safe from any thread. */
    public void stop(String reason) {
        if (stopRequest == null) {
            stopRequest = reason;
        }
        wake.countDown();
    }

    /** Runs the plan to its end; never throws for AWS failures (they end the run with {@link Outcome#ERROR}). */
    public GamedayResult execute() {
        Instant startedAt = clock.now();
        Instant loadStart = startedAt;
        Outcome outcome = Outcome.ERROR;
        String reason = null;
        try {
            if (drain != null) {
                drainRead(startedAt, drain::start);
            }
            observe(startedAt);
            events.open(startedAt);
            loadStart = sendLoad();
            Ending ending = loop(loadStart);
            outcome = ending.outcome();
            reason = ending.reason();
        } catch (RuntimeException e) {
            reason = e.getMessage();
            LOG.warn("game day {} failed: {}", plan.runId(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = Outcome.INTERRUPTED;
            reason = "interrupted";
        } finally {
            windDown(outcome, reason);
        }
        timeline.sort(Comparator.comparing(TimelineEntry::at));
        LoadSummary requests = tracker != null ? tracker.loadSummary().orElse(null) : null;
        if (live != null) {
            requests = requests == null ? live.sofar() : requests.plus(live.sofar());
        }
        return new GamedayResult(plan, startedAt, loadStart, clock.now(), outcome, reason, timeline, StepRunner.results(steps),
                tracker == null ? List.of() : tracker.invocations(), capacity, plan.groupInstances().size(), recoveryTime, requests,
                brokenGuard, cleanupProblems, drain == null ? List.of() : drain.observations(), drainFailure);
    }

    private record Ending(Outcome outcome, String reason) {
    }

    /** Sends the load command batch by batch; whatever was sent before a failure is still tracked, so a stop cancels it. */
    private Instant sendLoad() {
        Instant now = clock.now();
        if (plan.drivesLoad()) {
            List<String> ids = plan.loadGenerators().stream().map(Ec2Instance::instanceId).toList();
            Map<String, List<String>> sent = new LinkedHashMap<>();
            try {
                for (List<String> batch : Batches.of(ids, LoadCommand.MAX_INSTANCE_IDS)) {
                    sent.putAll(ssm.send(plan.loadCommand(), batch));
                }
            } finally {
                tracker = new CommandTracker(ssm, sent);
                sent.forEach((command, batch) -> record(new TimelineEntry(now, TimelineKind.COMMAND, null, "SendCommand " + command + " to "
                        + batch.size() + " generator" + (batch.size() == 1 ? "" : "s") + ": " + String.join(", ", batch))));
            }
        }
        record(new TimelineEntry(now, TimelineKind.LOAD, null, plan.drivesLoad() ? "load started" : "run started (no load driven)"));
        return now;
    }

    private Ending loop(Instant loadStart) throws InterruptedException {
        Instant deadline = loadStart.plus(plan.deadline());
        while (true) {
            if (stopRequest != null) {
                return new Ending(Outcome.INTERRUPTED, stopRequest);
            }
            Instant now = clock.now();
            observe(now);
            for (StepRunner step : steps) {
                if (step.due(loadStart, now)) {
                    step.start(now);
                    if (drain != null && drainFailure == null && step.interruptionAt() != null) {
                        drain.watch(step.instanceIds(), step.interruptionAt().minus(dev.spotsim.gameday.plan.PlannedStep.NOTICE), step.interruptionAt());
                    }
                }
                step.poll(now);
                if (step.failed()) {
                    return new Ending(Outcome.ERROR, step.failure());
                }
            }
            if (tracker != null) {
                tracker.poll(now).forEach(this::record);
            }
            Optional<GamedayResult.BrokenGuard> broken = guards.check(healthyCapacity());
            if (broken.isPresent()) {
                brokenGuard = broken.get();
                record(new TimelineEntry(now, TimelineKind.GUARD, null, "stop condition " + brokenGuard.key() + " " + brokenGuard.condition()
                        + " broken (measured " + number(brokenGuard.measured()) + ")"));
                return new Ending(Outcome.STOPPED, "stop condition " + brokenGuard.key() + " broken");
            }
            watchRecovery(now);
            if (finished(loadStart, now)) {
                return new Ending(Outcome.COMPLETED, null);
            }
            if (now.isAfter(deadline)) {
                return new Ending(Outcome.DEADLINE, "still running " + plan.deadline().toMinutes() + "m after the load started (the plan's deadline)");
            }
            clock.pause(plan.pollInterval(), wake);
        }
    }

    private void observe(Instant now) {
        observer.poll(now).forEach(this::record);
        events.read(clock.now(), observer::stateOf, drain);
        if (drain != null) {
            drainRead(now, () -> drain.poll(now));
        }
        Integer healthy = healthyTargets();
        if (startTargets == null && healthy != null && healthy > 0) {
            startTargets = healthy;
        }
        capacity.add(new GamedayResult.CapacitySample(now, observer.running(), healthy));
    }

    /** Healthy targets at the last poll; null without target groups or once drain reads failed. */
    private Integer healthyTargets() {
        return drain == null || drainFailure != null ? null : drain.healthyTargets();
    }

    /** What a healthyCapacity guard reads: healthy targets against those at the start, else running instances against the group's size. */
    private Guards.Capacity healthyCapacity() {
        Integer healthy = healthyTargets();
        return startTargets != null && healthy != null ? new Guards.Capacity(healthy, startTargets)
                : new Guards.Capacity(observer.running(), plan.groupInstances().size());
    }

    /** A drain read; one that fails (a missing permission, say) must not stop the game day: drain reads stop and drain reads no data. */
    private void drainRead(Instant now, Runnable read) {
        if (drainFailure != null) {
            return;
        }
        try {
            read.run();
        } catch (RuntimeException e) {
            drainFailure = e.getMessage();
            record(new TimelineEntry(now, TimelineKind.DRAIN, null, "drain reads stopped: " + e.getMessage()));
        }
    }

    /**
     * Recovered: every step settled, every interrupted instance has left "running" and the group runs as
     * many instances as at the start. Measured from the last interruption, at poll resolution.
     */
    private void watchRecovery(Instant now) {
        Instant last = lastInterruption();
        if (recoveryTime != null || last == null || now.isBefore(last) || !steps.stream().allMatch(StepRunner::settled)) {
            return;
        }
        boolean allDown = steps.stream().filter(StepRunner::interrupted).flatMap(s -> s.instanceIds().stream())
                .noneMatch(id -> "running".equals(observer.stateOf(id)));
        if (allDown && observer.running() >= plan.groupInstances().size()) {
            recoveryTime = Duration.between(last, now);
            record(new TimelineEntry(now, TimelineKind.RECOVERED, null, observer.running() + " running again, " + number(recoveryTime.toMillis() / 1000.0)
                    + "s after the last interruption"));
        }
    }

    private Instant lastInterruption() {
        return steps.stream().filter(StepRunner::interrupted).map(StepRunner::interruptionAt).max(Comparator.naturalOrder()).orElse(null);
    }

    private boolean finished(Instant loadStart, Instant now) {
        if (!steps.stream().allMatch(StepRunner::settled)) {
            return false;
        }
        Instant last = lastInterruption();
        boolean recoveryDone = last == null || recoveryTime != null || now.isAfter(last.plus(plan.recoveryTimeout()));
        boolean loadDone = tracker != null ? tracker.allFinal() : !now.isBefore(loadStart.plus(plan.loadDuration()));
        return recoveryDone && loadDone;
    }

    /** Stops what is still going (unless the run completed), waits a bounded time for FIS and SSM to settle, deletes every template. */
    private void windDown(Outcome outcome, String reason) {
        Instant now = clock.now();
        try {
            windDownRun(outcome, reason, now);
        } finally {
            cleanupProblems.addAll(events.close(clock.now()));
        }
    }

    private void windDownRun(Outcome outcome, String reason, Instant now) {
        if (outcome != Outcome.COMPLETED) {
            String why = reason == null ? outcome.wireName() : reason;
            for (StepRunner step : steps) {
                attempt(() -> step.stop(now, why), "StopExperiment");
            }
            if (tracker != null) {
                for (String command : tracker.unfinishedCommands()) {
                    attempt(() -> {
                        ssm.cancel(command);
                        record(new TimelineEntry(now, TimelineKind.COMMAND, null, "CancelCommand " + command + " (" + why + ")"));
                    }, "CancelCommand " + command);
                }
            }
            settle();
        }
        for (StepRunner step : steps) {
            String problem = step.deleteTemplate(clock.now());
            if (problem != null) {
                cleanupProblems.add(problem);
                record(new TimelineEntry(clock.now(), TimelineKind.CLEANUP, null, problem));
            }
        }
    }

    /** Polls (without the stop shortcut) until experiments are final and commands done, or the settle limit passes. */
    private void settle() {
        Instant until = clock.now().plus(SETTLE_LIMIT);
        CountDownLatch noWake = new CountDownLatch(1);
        while (clock.now().isBefore(until) && (steps.stream().anyMatch(StepRunner::running) || (tracker != null && !tracker.allFinal()))) {
            try {
                clock.pause(plan.pollInterval(), noWake);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Instant now = clock.now();
            steps.forEach(s -> attempt(() -> s.poll(now), "GetExperiment"));
            if (tracker != null) {
                attempt(() -> tracker.poll(now).forEach(this::record), "command tracking");
            }
            attempt(() -> observe(now), "DescribeInstances");
        }
    }

    private void attempt(Runnable call, String what) {
        try {
            call.run();
        } catch (RuntimeException e) {
            String problem = what + " failed while stopping: " + e.getMessage();
            cleanupProblems.add(problem);
            record(new TimelineEntry(clock.now(), TimelineKind.CLEANUP, null, problem));
        }
    }

    private void record(TimelineEntry event) {
        timeline.add(event);
        LOG.info("{} {} {}", event.kind(), event.instanceId() == null ? "-" : event.instanceId(), Redactor.redact(event.detail()));
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
