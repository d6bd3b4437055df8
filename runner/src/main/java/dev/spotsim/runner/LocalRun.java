package dev.spotsim.runner;

import dev.spotsim.reports.record.Measures;
import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.record.TimelineEntry;
import dev.spotsim.scenarios.model.InterruptionSpec;
import dev.spotsim.scenarios.model.Scenario;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.fleet.GroupSpec;
import dev.spotsim.simulator.fleet.InterruptRequest;
import dev.spotsim.simulator.instance.InterruptionAction;
import dev.spotsim.simulator.instance.Interruption;
import dev.spotsim.simulator.instance.MetadataOptions;
import dev.spotsim.simulator.platform.Platform;
import dev.spotsim.simulator.workload.RunningWorkload;
import dev.spotsim.simulator.platform.PlatformSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One local run of a scenario: starts the simulated fleet and the workload behind the balancer,
 * waits for it to be healthy, drives the load, plays the interruptions, waits (bounded) for
 * capacity to recover, stops everything it started, and returns what it measured. {@link #abort()}
 * (Ctrl-C) ends it early; the record then says "interrupted" and holds what was measured so far.
 */
public final class LocalRun {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRun.class);

    /** Where the run writes, the seed, where commands run, how long the workload may take to get healthy, progress. */
    /** @param baseline the measures of an earlier run for relative SLOs ("<= baseline + 10%"), or null */
    public record Options(Path runDir, long seed, Path workingDir, Duration startTimeout, ProgressLine progress, Measures baseline) {
        public Options(Path runDir, long seed, Path workingDir, Duration startTimeout, ProgressLine progress) {
            this(runDir, seed, workingDir, startTimeout, progress, null);
        }

        public Options {
            Objects.requireNonNull(runDir, "runDir");
            workingDir = workingDir == null ? Path.of("").toAbsolutePath() : workingDir;
            startTimeout = startTimeout == null ? Duration.ofMinutes(2) : startTimeout;
        }
    }

    private final Scenario scenario;
    private final String runId;
    private final Options options;
    private final LoadDriver.Factory loads;
    private final Clock clock = Clock.systemUTC();
    private final RequestLog requests = new RequestLog();
    private final List<StepResult> steps = new CopyOnWriteArrayList<>();
    private final List<TimelineEntry> ownTimeline = new CopyOnWriteArrayList<>();
    private final CountDownLatch aborted = new CountDownLatch(1);
    private volatile LoadDriver load;
    private volatile Platform platform;
    /** How many of the platform's timeline entries were looked at for crashes to report. */
    private int timelineSeen;

    public LocalRun(Scenario scenario, String runId, Options options) {
        this(scenario, runId, options, GatlingDriver::new);
    }

    LocalRun(Scenario scenario, String runId, Options options, LoadDriver.Factory loads) {
        this.scenario = scenario;
        this.runId = runId;
        this.options = options;
        this.loads = loads;
    }

    /** Ends the run early (Ctrl-C): the load stops, nothing more is interrupted, everything started is stopped. */
    public void abort() {
        aborted.countDown();
        LoadDriver l = load;
        if (l != null) {
            l.stop();
        }
    }

    private boolean isAborted() {
        return aborted.getCount() == 0;
    }

    /** Runs the scenario to its end (or an abort) and returns its record; failures become an "error" record, never an exception. */
    public RunRecord run() {
        Instant startedAt = clock.instant();
        RecordAssembler record = new RecordAssembler(scenario, runId, options.seed(), startedAt, requests, options.baseline());
        int desired = desiredTasks();
        SpotSim sim = null;
        CapacityWatch capacity = null;
        Thread loadThread = null;
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "spotsim-schedule"));
        String outcome = "completed";
        String error = null;
        Instant loadStart = null;
        try {
            sim = SpotSim.builder().group(GroupSpec.from(scenario.fleet())).imdsPort(0).controlPort(0)
                    .metadataOptions(new MetadataOptions(scenario.fleet().imdsv2() == dev.spotsim.scenarios.model.HttpTokens.REQUIRED, true, false))
                    .eventJournal(options.runDir().resolve("events.jsonl")).start();
            platform = sim.runWorkload(new PlatformSettings(scenario.workload(), desiredTasks(), options.runDir().resolve("logs"),
                    options.workingDir(), "spotsim", runId), scenario.loadBalancer(), 0);
            desired = platform.desiredCapacity();
            capacity = new CapacityWatch(platform::capacity, clock);
            progress().starting(desired, options.startTimeout());
            if (!awaitHealthy(capacity, desired)) {
                throw new NoVerdictException(isAborted() ? null : platform.failure() != null ? platform.failure()
                        : "the workload never became healthy: " + capacity.current() + " of " + desired
                        + " healthy after " + options.startTimeout().toSeconds() + "s (logs in " + options.runDir().resolve("logs") + ")"
                        + logTail(platform));
            }
            loadThread = startLoad(sim);
            // The schedule counts from the first requests, not from asking Gatling to start (its cold start takes seconds).
            loadStart = loadStarted();
            ownTimeline.add(new TimelineEntry(loadStart, "load-start", null, describeLoad()));
            scheduleSteps(sim, schedule, loadStart);
            waitForTheEnd(loadThread, capacity, desired, loadStart);
            if (isAborted()) {
                outcome = "interrupted";
            }
        } catch (NoVerdictException e) {
            outcome = e.getMessage() == null ? "interrupted" : "error";
            error = e.getMessage();
        } catch (RuntimeException e) {
            LOG.debug("run failed", e);
            outcome = isAborted() ? "interrupted" : "error";
            error = isAborted() ? null : "the run failed: " + e.getMessage();
        } finally {
            stopLoad(loadThread);
            schedule.shutdownNow();
            if (capacity != null) {
                capacity.close();
            }
            if (sim != null) {
                Platform ran = sim.platform();
                // The platform stops first (no replacement starts), then each workload gets its stop signal and a grace.
                sim.close();
                if (ran != null) {
                    record.platform(ran.tasks(), ran.timeline());
                }
            }
        }
        Instant endedAt = clock.instant();
        ownTimeline.add(new TimelineEntry(endedAt, "run-end", null, outcome));
        return record.build(outcome, error, endedAt, loadStart, capacity, desired, steps, ownTimeline);
    }

    private ProgressLine progress() {
        return options.progress() == null ? ProgressLine.silent() : options.progress();
    }

    /** Tasks (or Batch job attempts) to keep placed: tasksPerInstance on each instance of the group. */
    private int desiredTasks() {
        return scenario.fleet().group().desired() * scenario.workload().tasksPerInstance();
    }

    private boolean awaitHealthy(CapacityWatch capacity, int desired) {
        Instant deadline = clock.instant().plus(options.startTimeout());
        while (capacity.current() < desired && clock.instant().isBefore(deadline)) {
            if (waitOrAbort(Duration.ofMillis(200)) || platform.failure() != null) {
                return false;
            }
            reportCrashes();
            progress().startingTick(capacity.current(), desired);
        }
        return capacity.current() >= desired;
    }

    /** Waits {@code d}; true when the run was aborted meanwhile. */
    private boolean waitOrAbort(Duration d) {
        try {
            return aborted.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private String describeLoad() {
        if (scenario.load() == null) {
            return "no load";
        }
        return scenario.load().simulation() != null ? "Simulation " + scenario.load().simulation() + " for " + scenario.load().duration().toSeconds() + "s"
                : scenario.load().rps() + " req/s for " + scenario.load().duration().toSeconds() + "s";
    }

    private void scheduleSteps(SpotSim sim, ScheduledExecutorService schedule, Instant loadStart) {
        List<InterruptionSpec> all = scenario.interruptions();
        for (int i = 0; i < all.size(); i++) {
            int index = i;
            InterruptionSpec step = all.get(i);
            long delay = Math.max(0, Duration.between(clock.instant(), loadStart.plus(step.at())).toMillis());
            schedule.schedule(() -> play(sim, index, step), delay, TimeUnit.MILLISECONDS);
        }
    }

    private void play(SpotSim sim, int index, InterruptionSpec step) {
        if (isAborted()) {
            return;
        }
        Instant now = clock.instant();
        InterruptRequest request = new InterruptRequest(InterruptionAction.parse(step.action().wireName()), step.notice(), Duration.ZERO, step.rebalanceLead());
        List<Interruption> hit;
        List<String> ids;
        String description;
        try {
            if (step.reclaim() != null) {
                hit = sim.fleet().reclaimPool(step.reclaim().pool(), request, step.reclaim().restoreAfter());
                ids = hit.stream().map(Interruption::instanceId).toList();
                description = "reclaim " + step.reclaim().pool() + ": " + hit.size() + " instance(s)";
            } else {
                hit = sim.fleet().interruptSelected(step.select(), request, options.seed() + index);
                ids = hit.stream().map(Interruption::instanceId).toList();
                description = step.action() + " " + hit.size() + " instance(s), notice " + step.notice().toSeconds() + "s"
                        + (step.rebalanceLead().isZero() ? "" : ", rebalance " + step.rebalanceLead().toSeconds() + "s earlier");
            }
        } catch (RuntimeException e) {
            LOG.warn("interruptions[{}] hit nothing: {}", index, e.getMessage());
            steps.add(new StepResult(index, now, "interruptions[" + index + "]: " + e.getMessage(), List.of(), null, null));
            ownTimeline.add(new TimelineEntry(now, "step", null, "interruptions[" + index + "] hit nothing: " + e.getMessage()));
            return;
        }
        Instant firstSignal = hit.stream().map(h -> h.rebalanceTime() != null ? h.rebalanceTime() : h.noticeTime())
                .min(Comparator.naturalOrder()).orElse(null);
        Instant lastAction = hit.stream().map(Interruption::actionTime).max(Comparator.naturalOrder()).orElse(null);
        steps.add(new StepResult(index, now, description, ids, firstSignal, lastAction));
        ownTimeline.add(new TimelineEntry(now, step.reclaim() != null ? "reclaim" : "step", null,
                "interruptions[" + index + "]: " + description + (ids.isEmpty() ? "" : " (" + String.join(", ", ids) + ")")));
        progress().step(index, description);
    }

    private Instant loadStarted() {
        LoadDriver l = load;
        if (l == null) {
            return clock.instant();
        }
        try {
            return l.started().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            if (isAborted()) {
                throw new NoVerdictException(null);
            }
            throw new NoVerdictException("the load did not start: " + (e.getCause() != null ? e.getCause().getMessage() : "no request within 60s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoVerdictException(null);
        }
    }

    private Thread startLoad(SpotSim sim) {
        if (scenario.load() == null) {
            return null;
        }
        LoadDriver driver = loads.create(scenario.load(), URI.create(sim.balancerUrl()), options.runDir().resolve("gatling"), requests);
        load = driver;
        if (isAborted()) {
            driver.stop();
        }
        Thread t = new Thread(() -> {
            try {
                driver.run();
            } catch (RuntimeException e) {
                LOG.error("the load failed: {}", e.getMessage());
                ownTimeline.add(new TimelineEntry(clock.instant(), "load-failed", null, e.getMessage()));
            }
            ownTimeline.add(new TimelineEntry(clock.instant(), "load-end", null, requests.count() + " requests"));
        }, "spotsim-load");
        t.start();
        return t;
    }

    /**
     * Until the load is over, every step has played and acted, and capacity is back (or the
     * recovery bound passed); progress every second.
     */
    private void waitForTheEnd(Thread loadThread, CapacityWatch capacity, int desired, Instant loadStart) {
        Instant lastStepAt = loadStart.plus(scenario.interruptions().stream().map(InterruptionSpec::at).max(Comparator.naturalOrder())
                .orElse(Duration.ZERO));
        while (!waitOrAbort(Duration.ofSeconds(1))) {
            reportCrashes();
            if (platform.failure() != null) {
                throw new NoVerdictException(platform.failure());
            }
            Instant now = clock.instant();
            progress().tick(now, loadStart, livePhase(now, capacity, desired), capacity.current(), desired, requests, steps.size(),
                    scenario.interruptions().size());
            boolean loadOver = loadThread == null || !loadThread.isAlive();
            boolean allPlayed = steps.size() == scenario.interruptions().size() && !now.isBefore(lastStepAt);
            Instant lastAction = steps.stream().map(StepResult::lastAction).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
            boolean acted = lastAction == null || now.isAfter(lastAction);
            boolean recovered = lastAction == null || capacity.firstAtLeast(desired, lastAction) != null;
            boolean gaveUp = lastAction != null && now.isAfter(lastAction.plus(scenario.recovery().timeout()));
            if (loadOver && allPlayed && acted && (recovered || gaveUp)) {
                if (!recovered) {
                    ownTimeline.add(new TimelineEntry(now, "recovery-gave-up", null, "capacity " + capacity.current() + " of " + desired
                            + " after " + scenario.recovery().timeout().toSeconds() + "s"));
                }
                return;
            }
        }
    }

    /** Says on the console when a workload ended while nothing was stopping it (the timeline and the report have it too). */
    private void reportCrashes() {
        List<dev.spotsim.simulator.platform.TimelineEntry> entries = platform.timeline();
        for (int i = timelineSeen; i < entries.size(); i++) {
            if (entries.get(i).kind().equals("task-crashed")) {
                progress().note("workload crashed on " + entries.get(i).instanceId() + ": " + entries.get(i).detail());
            }
        }
        timelineSeen = entries.size();
    }

    private String livePhase(Instant now, CapacityWatch capacity, int desired) {
        for (StepResult s : steps) {
            if (s.firstSignal() != null && !now.isBefore(s.firstSignal()) && now.isBefore(s.lastAction())) {
                return Phases.INTERRUPTED;
            }
        }
        boolean afterAnAction = steps.stream().anyMatch(s -> s.lastAction() != null && now.isAfter(s.lastAction()));
        return afterAnAction && capacity.current() < desired ? Phases.RECOVERING : Phases.STEADY;
    }

    private void stopLoad(Thread loadThread) {
        LoadDriver l = load;
        if (l != null && loadThread != null && loadThread.isAlive()) {
            l.stop();
        }
        if (loadThread != null) {
            try {
                loadThread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A run that cannot reach a verdict; a null message means it was aborted. */
    /** How many lines of a workload's log a start failure shows. */
    private static final int LOG_TAIL = 8;

    /**
     * The end of the first task's log, for a workload that never became healthy (it listens on another port than PORT,
     * or never listens): what it printed is usually why. Empty when nothing was printed.
     */
    static String logTail(Platform platform) {
        for (RunningWorkload w : platform.workloads()) {
            List<String> tail = w.logTail(LOG_TAIL);
            if (!tail.isEmpty()) {
                return "\nthe last lines of " + w.taskId() + "'s log (" + w.describe() + "):\n  " + String.join("\n  ", tail);
            }
        }
        return "\nno task printed anything: is it listening on PORT (the balancer's health check goes there)?";
    }

    static final class NoVerdictException extends RuntimeException {
        NoVerdictException(String message) {
            super(message);
        }
    }
}
