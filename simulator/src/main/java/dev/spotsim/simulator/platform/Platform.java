package dev.spotsim.simulator.platform;

import dev.spotsim.scenarios.model.WorkloadSpec;
import dev.spotsim.simulator.balancer.BalancerListener;
import dev.spotsim.simulator.balancer.LoadBalancer;
import dev.spotsim.simulator.balancer.TargetState;
import dev.spotsim.simulator.clock.SimClock;
import dev.spotsim.simulator.ecs.TaskMetadataServer;
import dev.spotsim.simulator.events.Event;
import dev.spotsim.simulator.events.EventBus;
import dev.spotsim.simulator.fleet.Fleet;
import dev.spotsim.simulator.fleet.TerminationGate;
import dev.spotsim.simulator.instance.InstanceListener;
import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.workload.RunningWorkload;
import dev.spotsim.simulator.workload.WorkloadExit;
import dev.spotsim.simulator.workload.WorkloadLaunch;
import dev.spotsim.simulator.workload.WorkloadRuntime;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the user's workload on the simulated fleet the way a container platform would: a scheduler
 * keeps the lane's demand placed on running instances (spread, at most tasksPerInstance on each,
 * never on a noticed one), the lane decides what happens at every moment the platform acts, and
 * when an instance goes everything still running on it is killed. Workloads start through the
 * injected {@link WorkloadRuntime}: the platform never knows whether they are processes or containers.
 */
public final class Platform implements InstanceListener, BalancerListener, PlatformContext, TerminationGate, AutoCloseable {
    /** How long a drain for a group's termination waits for replacement tasks to be healthy before it goes on anyway. */
    static final Duration REPLACEMENT_WAIT = Duration.ofMinutes(2);
    /** How often the platform looks whether replacements are healthy or drained tasks have stopped. */
    private static final Duration LOOK_EVERY = Duration.ofMillis(250);
    /** How long a shutdown waits for SIGKILLed workloads to be reaped and recorded. */
    private static final Duration SHUTDOWN_REAP = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(Platform.class);
    private final PlatformSettings settings;
    private final WorkloadSpec spec;
    private final DrainLane lane;
    private final TaskDemand demand;
    private final Fleet fleet;
    private final SimClock clock;
    private final Function<String, String> imdsEndpoint;
    private final LoadBalancer balancer;
    private final EventBus events;
    private final WorkloadRuntime runtime;
    private final Supplier<TaskMetadataServer> taskMetadata;
    private final TaskStopper stopper;
    private final CrashWatch crashes = new CrashWatch();
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final Map<String, List<Runnable>> whenDeregistered = new ConcurrentHashMap<>();
    private final Set<String> healthyTargets = ConcurrentHashMap.newKeySet();
    private final List<TimelineEntry> timeline = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * @param runtime      starts each task's workload (processes or containers); the caller owns and closes it
     * @param taskMetadata the ECS task metadata endpoint, started when an ECS lane first asks for it
     */
    public Platform(PlatformSettings settings, Fleet fleet, Function<String, String> imdsEndpoint, LoadBalancer balancer,
                    EventBus events, WorkloadRuntime runtime, Supplier<TaskMetadataServer> taskMetadata) {
        this.settings = settings;
        this.spec = settings.workload();
        this.lane = DrainLane.of(spec.lane());
        this.fleet = fleet;
        this.clock = fleet.clock();
        this.imdsEndpoint = imdsEndpoint;
        this.balancer = balancer;
        this.events = events;
        this.runtime = runtime;
        this.taskMetadata = taskMetadata;
        this.stopper = new TaskStopper(this);
        this.demand = lane.demand(settings.desiredTasks(), this);
        fleet.addListener(this);
        fleet.groups().forEach(g -> g.addTerminationGate(this));
        if (balancer != null) {
            balancer.addListener(this);
        }
    }

    /** Places the first tasks on the instances already running. */
    public void start() {
        reconcile();
    }

    // --- following the fleet -------------------------------------------------------------------

    @Override
    public void changed(InstanceView before, InstanceView after) {
        if (closed || before == null || before.state() == after.state()) {
            return;
        }
        // Changes may come from the control API's event loop; workloads start and stop on the clock's thread.
        clock.schedule(clock.now(), () -> follow(before, after));
    }

    private void follow(InstanceView before, InstanceView after) {
        if (closed) {
            return;
        }
        String id = after.instanceId();
        switch (after.state()) {
            case RUNNING -> {
                if (before.state() == InstanceState.PENDING) {
                    reconcile();
                }
            }
            case REBALANCE_RECOMMENDED -> timeline("rebalance", id, "rebalance recommendation");
            case INTERRUPTION_NOTICED -> {
                // Every task still there hears of the notice (its drain is measured from it); the lane drains those not draining yet.
                synchronized (this) {
                    tasksOn(id, t -> t.status != Task.Status.STOPPED).forEach(t -> t.notice = after.interruption().noticeTime());
                }
                List<Task> noticed = beginDrain(id);
                timeline("notice", id, after.interruption().action().wireName() + " at " + after.interruption().actionTime());
                lane.onNotice(after, noticed, this);
            }
            case SHUTTING_DOWN, STOPPING -> {
                timeline("action", id, after.state().wireName());
                hostLost(after);
            }
            case TERMINATED, STOPPED -> {
                // The group takes the gone instance out of the target group.
                if (balancer != null) {
                    tasksOn(id, t -> true).forEach(t -> balancer.deregister(t.id));
                }
            }
            default -> { }
        }
    }

    /** The instance's tasks that no lane drains yet, now marked as draining-started. */
    private synchronized List<Task> beginDrain(String instanceId) {
        List<Task> out = tasksOn(instanceId, t -> t.status != Task.Status.STOPPED && !t.drainStarted);
        out.forEach(t -> t.drainStarted = true);
        return out;
    }

    private void hostLost(InstanceView instance) {
        List<Task> killed = new ArrayList<>();
        for (Task t : tasksOn(instance.instanceId(), t -> t.workload != null && t.workload.isAlive())) {
            stopper.kill(t, true);
            killed.add(t);
            timeline("killed", instance.instanceId(), "task " + t.id + " still running at the action time");
        }
        lane.onHostLost(instance, killed, this);
        reconcile();
    }

    /**
     * A group terminates {@code instance}: its lane drains the tasks not draining yet, and the instance
     * may go once every task the lane marked draining has stopped (a lane that does not drain lets it go at once).
     */
    @Override
    public CompletionStage<Void> beforeTermination(InstanceView instance, String cause) {
        CompletableFuture<Void> mayGo = new CompletableFuture<>();
        clock.schedule(clock.now(), () -> {
            if (closed) {
                mayGo.complete(null);
                return;
            }
            List<Task> draining = beginDrain(instance.instanceId());
            timeline("terminating", instance.instanceId(), cause + ": " + draining.size() + " task(s) to drain first");
            lane.onTerminating(fleet.instance(instance.instanceId()), draining, cause, this);
            whenDrained(instance.instanceId(), () -> mayGo.complete(null));
        });
        return mayGo;
    }

    /** Runs {@code then} once no task on the instance is draining any more (all stopped, or none marked). */
    private void whenDrained(String instanceId, Runnable then) {
        if (closed || tasksOn(instanceId, t -> t.status == Task.Status.DRAINING).isEmpty()) {
            then.run();
            return;
        }
        clock.schedule(now().plus(LOOK_EVERY), () -> whenDrained(instanceId, then));
    }

    @Override
    public void whenReplaced(InstanceView instance, Runnable then) {
        Instant giveUp = now().plus(REPLACEMENT_WAIT);
        lookForReplacements(instance.instanceId(), giveUp, then);
    }

    private void lookForReplacements(String instanceId, Instant giveUp, Runnable then) {
        if (closed) {
            return;
        }
        long healthyElsewhere;
        synchronized (this) {
            healthyElsewhere = tasks.values().stream().filter(t -> !t.instanceId.equals(instanceId) && t.status == Task.Status.RUNNING
                    && healthyTargets.contains(t.id)).count();
        }
        if (healthyElsewhere >= settings.desiredTasks() || !lane.servesTraffic()) {
            then.run();
        } else if (!now().isBefore(giveUp)) {
            timeline("replacement-not-healthy", instanceId, healthyElsewhere + " of " + settings.desiredTasks() + " replacement task(s) healthy after "
                    + REPLACEMENT_WAIT.toSeconds() + "s; draining anyway");
            then.run();
        } else {
            clock.schedule(now().plus(LOOK_EVERY), () -> lookForReplacements(instanceId, giveUp, then));
        }
    }

    // --- scheduling ----------------------------------------------------------------------------

    /** Keeps the lane's demand placed, spread over eligible instances. */
    public void reconcile() {
        if (closed || crashes.failure() != null) {
            return;
        }
        List<InstanceView> up = fleet.instances().stream().filter(v -> v.state() == InstanceState.RUNNING).toList();
        // With an Auto Scaling group, tasks go on its instances only (the cluster's capacity), never on others such as load generators.
        boolean grouped = up.stream().anyMatch(v -> v.identity().autoScalingGroup() != null);
        List<InstanceView> eligible = grouped ? up.stream().filter(v -> v.identity().autoScalingGroup() != null).toList() : up;
        while (true) {
            Task task;
            InstanceView target;
            // Counting and reserving happen under one lock, so two reconciles never place the same task twice.
            synchronized (this) {
                target = leastLoaded(eligible);
                int running = (int) tasks.values().stream().filter(t -> t.status == Task.Status.RUNNING).count();
                String id = target == null ? null : demand.next(running);
                if (id == null) {
                    return;
                }
                task = new Task(id, target.instanceId(), freePort(), now(), demand.attemptOf(id));
                tasks.put(id, task);
            }
            launch(task, target);
        }
    }

    /** An instance with room for one more task (tasksPerInstance, as ECS waits for capacity), the least loaded first. */
    private InstanceView leastLoaded(List<InstanceView> eligible) {
        Map<String, Integer> load = new HashMap<>();
        eligible.forEach(v -> load.put(v.instanceId(), 0));
        tasks.values().stream().filter(t -> t.status != Task.Status.STOPPED && load.containsKey(t.instanceId))
                .forEach(t -> load.merge(t.instanceId, 1, Integer::sum));
        return eligible.stream().filter(v -> load.get(v.instanceId()) < spec.tasksPerInstance())
                .min((a, b) -> Integer.compare(load.get(a.instanceId()), load.get(b.instanceId()))).orElse(null);
    }

    private void launch(Task task, InstanceView instance) {
        Map<String, String> env = new LinkedHashMap<>(spec.env());
        env.put("PORT", Integer.toString(task.port));
        env.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", imdsEndpoint.apply(instance.instanceId()));
        env.put("SPOTSIM_INSTANCE_ID", instance.instanceId());
        env.put("SPOTSIM_TASK_ID", task.id);
        env.put("AWS_REGION", instance.identity().region());
        env.put("AWS_DEFAULT_REGION", instance.identity().region());
        lane.placing(task, instance, env, this);
        RunningWorkload workload;
        try {
            workload = runtime.start(new WorkloadLaunch(settings.runId(), task.id, instance.instanceId(), task.port, env,
                    settings.workingDir(), settings.logDir().resolve(task.id + ".log")));
        } catch (IOException | RuntimeException e) {
            failedToStart(task, e);
            return;
        }
        synchronized (this) {
            task.workload = workload;
        }
        workload.onExit().thenAccept(exit -> clock.schedule(clock.now(), () -> exited(task, exit)));
        timeline("task-started", instance.instanceId(), task.id + " on port " + task.port + " (" + workload.describe() + ")");
        lane.placed(task, instance, this);
        if (balancer != null && lane.servesTraffic()) {
            balancer.register(task.id, "127.0.0.1", task.port);
        }
    }

    private void failedToStart(Task task, Exception e) {
        synchronized (this) {
            task.status = Task.Status.STOPPED;
            task.explanation = "could not start: " + e.getMessage();
        }
        LOG.error("task {} could not start: {}", task.id, e.getMessage());
        timeline("task-failed", task.instanceId, task.id + " could not start: " + e.getMessage());
    }

    private void exited(Task task, WorkloadExit exit) {
        boolean byItself;
        boolean outsideDrain;
        synchronized (this) {
            task.exited = exit.at();
            task.exitCode = exit.exitCode();
            task.exitSignal = exit.signal();
            task.oomKilled = exit.oomKilled();
            task.status = Task.Status.STOPPED;
            task.explanation = DrainExplanation.of(task, exit);
            byItself = task.killed == null;
            outsideDrain = byItself && task.stopSignal == null && task.notice == null && !task.drainStarted;
        }
        stopper.exited(task);
        if (closed) {
            timeline("task-stopped", task.instanceId, task.id + " exit " + exit.exitCode() + " at shutdown"
                    + (task.explanation == null ? "" : ": " + task.explanation));
            return;
        }
        if (outsideDrain && (exit.exitCode() != 0 || lane.servesTraffic())) {
            crashed(task, exit);
        } else {
            timeline(byItself ? "task-exited" : "task-killed", task.instanceId, task.id + " exit " + exit.exitCode()
                    + (task.explanation == null ? "" : ": " + task.explanation));
        }
        lane.onExit(task, exit, this);
        // A task that stopped on a live instance is taken out by its platform; one killed with its
        // instance stays in the target group until health checks fail or the group removes the instance.
        if (balancer != null && byItself) {
            balancer.deregister(task.id);
        }
        reconcile();
    }

    /** A task ended while nothing was stopping it: a timeline entry, and after a few right at the start, no more restarts. */
    private void crashed(Task task, WorkloadExit exit) {
        List<String> last = task.workload.logTail(1);
        String detail = task.id + " exit " + exit.exitCode() + " while nothing was stopping it"
                + (task.explanation == null ? "" : " (" + task.explanation + ")") + (last.isEmpty() ? "" : "; last log line: " + last.get(0));
        LOG.warn("workload {} on {} ended: {}", task.id, task.instanceId, detail);
        timeline("task-crashed", task.instanceId, detail);
        boolean early = !task.wasHealthy && Duration.between(task.createdAt, exit.at()).compareTo(CrashWatch.EARLY) < 0;
        String failure = crashes.exitedOnItsOwn(task, exit, early, spec.command());
        if (failure != null) {
            LOG.error("{}; no more tasks are placed", failure);
            timeline("workload-failing", task.instanceId, failure);
        }
    }

    /** Why the platform stopped placing tasks (the workload cannot start), or null. */
    public String failure() {
        return crashes.failure();
    }

    // --- what lanes ask for --------------------------------------------------------------------

    @Override
    public WorkloadSpec spec() {
        return spec;
    }

    @Override
    public String cluster() {
        return settings.cluster();
    }

    @Override
    public Instant now() {
        return clock.now();
    }

    @Override
    public SimClock clock() {
        return clock;
    }

    @Override
    public void at(Instant at, Runnable step) {
        clock.schedule(at, () -> {
            if (!closed) {
                step.run();
            }
        });
    }

    @Override
    public Instant nextPoll(InstanceView instance, Duration interval) {
        Instant now = now();
        if (interval.isZero()) {
            return now;
        }
        long sinceLaunch = Duration.between(instance.launchTime(), now).toNanos();
        long step = interval.toNanos();
        long ticks = (sinceLaunch + step - 1) / step;
        return instance.launchTime().plusNanos(ticks * step);
    }

    @Override
    public InstanceView instance(String instanceId) {
        return fleet.instance(instanceId);
    }

    @Override
    public synchronized void detected(Task task) {
        if (task.detected == null) {
            task.detected = now();
        }
    }

    @Override
    public void markDraining(Task task) {
        synchronized (this) {
            if (task.status != Task.Status.RUNNING) {
                return;
            }
            task.status = Task.Status.DRAINING;
        }
        reconcile();
    }

    @Override
    public void deregister(Task task, Runnable drained) {
        synchronized (this) {
            if (task.deregistered == null) {
                task.deregistered = now();
            }
        }
        if (balancer == null || !lane.servesTraffic()) {
            drained.run();
            return;
        }
        whenDeregistered.computeIfAbsent(task.id, k -> new CopyOnWriteArrayList<>()).add(drained);
        balancer.deregister(task.id);
    }

    @Override
    public void targetChanged(String targetId, TargetState from, TargetState to, Instant at) {
        if (to == TargetState.HEALTHY) {
            healthyTargets.add(targetId);
            synchronized (this) {
                Task t = tasks.get(targetId);
                if (t != null) {
                    t.wasHealthy = true;
                }
            }
            crashes.healthy();
        } else {
            healthyTargets.remove(targetId);
        }
        if (to == TargetState.UNUSED) {
            List<Runnable> next = whenDeregistered.remove(targetId);
            if (next != null) {
                // Off the balancer's event loop: stopping a workload is plain Java.
                next.forEach(step -> clock.schedule(clock.now(), step));
            }
        }
    }

    @Override
    public void stop(Task task, Duration grace) {
        stopper.stop(task, grace);
    }

    @Override
    public void stopUntil(Task task, Instant killAt, Duration atLeast) {
        stopper.stopUntil(task, killAt, atLeast);
    }

    @Override
    public void preStop(Task task, Instant deadline, Runnable then) {
        stopper.preStop(task, deadline, then);
    }

    @Override
    public void publish(Event event) {
        events.publish(event);
    }

    @Override
    public TaskMetadataServer taskMetadata() {
        return taskMetadata.get();
    }

    @Override
    public void timeline(String kind, String instanceId, String detail) {
        timeline.add(new TimelineEntry(now(), kind, instanceId, detail));
    }

    // --- reading -------------------------------------------------------------------------------

    synchronized List<Task> tasksOn(String instanceId, Predicate<Task> which) {
        List<Task> out = new ArrayList<>();
        for (Task t : tasks.values()) {
            if (t.instanceId.equals(instanceId) && which.test(t)) {
                out.add(t);
            }
        }
        return out;
    }

    synchronized List<Task> allTasks() {
        return List.copyOf(tasks.values());
    }

    boolean isClosed() {
        return closed;
    }

    /** Every task so far, with its drain moments. */
    public synchronized List<TaskRecord> tasks() {
        return tasks.values().stream().map(t -> t.snapshot(spec.lane().wireName())).toList();
    }

    public List<TimelineEntry> timeline() {
        return List.copyOf(timeline);
    }

    /** The workloads of every task started so far, running or not (for checks that none outlives the simulator). */
    public synchronized List<RunningWorkload> workloads() {
        return tasks.values().stream().filter(t -> t.workload != null).map(t -> t.workload).toList();
    }

    /** Targets the balancer considers healthy now. */
    public int healthyCapacity() {
        return healthyTargets.size();
    }

    public int desiredTasks() {
        return settings.desiredTasks();
    }

    /** The balancer in front of the tasks (for the ELBv2 API reads); null without one. */
    public LoadBalancer balancer() {
        return balancer;
    }

    /**
     * The capacity a run watches: tasks healthy behind the balancer, or, on a lane with nothing behind
     * a balancer (Batch), instances in service.
     */
    public int capacity() {
        return lane.servesTraffic() ? healthyCapacity() : (int) fleet.instances().stream().filter(v -> v.state() == InstanceState.RUNNING
                || v.state() == InstanceState.REBALANCE_RECOMMENDED).count();
    }

    /** What {@link #capacity()} should be: the desired tasks, or the groups' desired instances (all instances without a group). */
    public int desiredCapacity() {
        if (lane.servesTraffic()) {
            return settings.desiredTasks();
        }
        return fleet.groups().isEmpty() ? fleet.instances().size() : fleet.groups().stream().mapToInt(g -> g.desired()).sum();
    }

    /** Batch jobs that finished, failed, or are still to run (empty outside the batch lane). */
    public Map<String, String> jobStatuses() {
        return lane.jobStatuses();
    }

    /** The runtime's short name ("process", "container"), for the record. */
    public String runtimeKind() {
        return runtime.kind();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for a workload: " + e.getMessage(), e);
        }
    }

    /**
     * Stops the platform first (no new task, no lane acts any more), then gives every workload still
     * running its stop signal and {@code grace} before SIGKILL; returns once they are gone (bounded)
     * and their exits recorded. Blocks: never call it on an event loop.
     */
    public void shutdown(Duration grace) {
        closed = true;
        List<Task> live = allTasks().stream().filter(t -> t.workload != null && t.workload.isAlive()).toList();
        if (live.isEmpty()) {
            return;
        }
        timeline("shutdown", null, live.size() + " task(s) still running: stop signal, SIGKILL after " + grace.toSeconds() + "s");
        live.forEach(t -> stopper.signalStop(t, grace));
        if (!awaitExits(live, grace)) {
            for (Task t : live) {
                if (t.workload.isAlive()) {
                    stopper.kill(t, false);
                    timeline("sigkill", t.instanceId, t.id + " still running " + grace.toSeconds() + "s after the shutdown's stop signal");
                }
            }
            awaitExits(live, SHUTDOWN_REAP);
        }
    }

    /** Waits until every task's exit is recorded, at most {@code timeout}; true when they all are. */
    private boolean awaitExits(List<Task> live, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Task t : live) {
            while (true) {
                synchronized (this) {
                    if (t.exited != null) {
                        break;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    t.workload.onExit().get(Math.min(left, LOOK_EVERY.toNanos()), java.util.concurrent.TimeUnit.NANOSECONDS);
                    Thread.sleep(5); // the exit is recorded on the clock's thread
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    // still running, or already gone: look again
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** Places nothing more and acts on nothing more; the workloads keep running until {@link #shutdown} or their runtime closes. */
    @Override
    public void close() {
        closed = true;
    }
}
