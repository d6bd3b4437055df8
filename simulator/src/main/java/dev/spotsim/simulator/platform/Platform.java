package dev.spotsim.simulator.platform;

import dev.spotsim.scenarios.model.Lane;
import dev.spotsim.scenarios.model.WorkloadSpec;
import dev.spotsim.simulator.balancer.BalancerListener;
import dev.spotsim.simulator.balancer.LoadBalancer;
import dev.spotsim.simulator.balancer.TargetState;
import dev.spotsim.simulator.clock.SimClock;
import dev.spotsim.simulator.ecs.TaskMetadataServer;
import dev.spotsim.simulator.events.EcsEvents;
import dev.spotsim.simulator.events.EventBus;
import dev.spotsim.simulator.fleet.Fleet;
import dev.spotsim.simulator.instance.InstanceListener;
import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.workload.WorkloadProcess;
import dev.spotsim.simulator.workload.WorkloadSupervisor;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the user's workload on the simulated fleet the way a container platform would: a scheduler
 * keeps the desired number of tasks placed on running instances (spread, at most tasksPerInstance
 * on each, never on a noticed one),
 * the lane decides what happens on a notice, and at the action time everything still running on
 * the instance is killed. Tasks sit behind the balancer; the batch lane's jobs retry instead.
 */
public final class Platform implements InstanceListener, BalancerListener, PlatformContext, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Platform.class);
    private final PlatformSettings settings;
    private final WorkloadSpec spec;
    private final DrainLane lane;
    private final Fleet fleet;
    private final SimClock clock;
    private final Function<String, String> imdsEndpoint;
    private final LoadBalancer balancer;
    private final EventBus events;
    private final WorkloadSupervisor supervisor;
    private final TaskMetadataServer ecsMetadata;
    private final BatchJobs batch;
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final Map<String, Runnable> whenDeregistered = new ConcurrentHashMap<>();
    private final Set<String> healthyTargets = ConcurrentHashMap.newKeySet();
    private final List<TimelineEntry> timeline = new CopyOnWriteArrayList<>();
    private int sequence;
    private volatile boolean closed;

    public Platform(PlatformSettings settings, Fleet fleet, Function<String, String> imdsEndpoint, LoadBalancer balancer,
                    EventBus events, WorkloadSupervisor supervisor, TaskMetadataServer ecsMetadata) {
        this.settings = settings;
        this.spec = settings.workload();
        this.lane = DrainLane.of(spec.parsedLane());
        this.fleet = fleet;
        this.clock = fleet.clock();
        this.imdsEndpoint = imdsEndpoint;
        this.balancer = balancer;
        this.events = events;
        this.supervisor = supervisor;
        this.ecsMetadata = ecsMetadata;
        this.batch = spec.parsedLane() == Lane.BATCH ? new BatchJobs(settings.desiredTasks(), spec, events, clock) : null;
        fleet.addListener(this);
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
        // Changes may come from the control API's event loop; processes start and stop on the clock's thread.
        clock.schedule(clock.now(), () -> follow(before, after));
    }

    private void follow(InstanceView before, InstanceView after) {
        if (closed) {
            return;
        }
        if (after.state() == InstanceState.RUNNING && before.state() == InstanceState.PENDING) {
            reconcile();
        } else if (after.state() == InstanceState.INTERRUPTION_NOTICED) {
            List<Task> running = tasksOn(after.instanceId(), Task.Status.RUNNING);
            synchronized (this) {
                running.forEach(t -> t.notice = after.interruption().noticeTime());
            }
            timeline("notice", after.instanceId(), after.interruption().action().wireName() + " at " + after.interruption().actionTime());
            lane.onNotice(after, running, this);
        } else if (after.state() == InstanceState.SHUTTING_DOWN || after.state() == InstanceState.STOPPING) {
            timeline("action", after.instanceId(), after.state().wireName());
            killEverythingOn(after);
        } else if (after.state() == InstanceState.TERMINATED || after.state() == InstanceState.STOPPED) {
            // The group takes the gone instance out of the target group.
            tasksOn(after.instanceId(), null).forEach(t -> {
                if (balancer != null) {
                    balancer.deregister(t.id);
                }
            });
        }
        if (after.state() == InstanceState.REBALANCE_RECOMMENDED) {
            timeline("rebalance", after.instanceId(), "rebalance recommendation");
        }
    }

    private void killEverythingOn(InstanceView instance) {
        for (Task t : tasksOn(instance.instanceId(), null)) {
            if (t.process != null && t.process.isAlive()) {
                synchronized (this) {
                    t.killed = now();
                }
                t.process.kill();
                timeline("killed", instance.instanceId(), "task " + t.id + " still running at the action time");
            }
        }
        if (batch != null) {
            batch.hostLost(instance, tasksOn(instance.instanceId(), null));
            reconcile();
        }
    }

    // --- scheduling ----------------------------------------------------------------------------

    /** Keeps the desired number of tasks (or runnable batch jobs) placed, spread over eligible instances. */
    public void reconcile() {
        if (closed) {
            return;
        }
        List<InstanceView> eligible = fleet.instances().stream().filter(v -> v.state() == InstanceState.RUNNING).toList();
        while (true) {
            Task task;
            InstanceView target;
            // Counting and reserving happen under one lock, so two reconciles never place the same task twice.
            synchronized (this) {
                int live = (int) tasks.values().stream().filter(t -> t.status == Task.Status.RUNNING).count();
                String jobAttempt = batch != null ? batch.nextRunnable() : live < settings.desiredTasks() ? "" : null;
                if (jobAttempt == null || eligible.isEmpty()) {
                    if (batch != null && jobAttempt != null) {
                        batch.requeue(jobAttempt);
                    }
                    return;
                }
                Map<String, Integer> load = new HashMap<>();
                eligible.forEach(v -> load.put(v.instanceId(), 0));
                tasks.values().stream().filter(t -> t.status != Task.Status.STOPPED && load.containsKey(t.instanceId))
                        .forEach(t -> load.merge(t.instanceId, 1, Integer::sum));
                // An instance holds tasksPerInstance tasks; a replacement waits for capacity, as on ECS.
                target = eligible.stream().filter(v -> load.get(v.instanceId()) < spec.tasksPerInstance())
                        .min((a, b) -> Integer.compare(load.get(a.instanceId()), load.get(b.instanceId()))).orElse(null);
                if (target == null) {
                    if (batch != null) {
                        batch.requeue(jobAttempt);
                    }
                    return;
                }
                String id = jobAttempt.isEmpty() ? String.format("task-%04d", ++sequence) : jobAttempt;
                task = new Task(id, target.instanceId(), freePort(), now(), batch == null ? 1 : batch.attemptOf(id));
                tasks.put(id, task);
            }
            launch(task, target);
        }
    }

    private void launch(Task task, InstanceView instance) {
        String id = task.id;
        int port = task.port;
        Map<String, String> env = new LinkedHashMap<>(spec.env());
        env.put("PORT", Integer.toString(port));
        env.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", imdsEndpoint.apply(instance.instanceId()));
        env.put("SPOTSIM_INSTANCE_ID", instance.instanceId());
        env.put("SPOTSIM_TASK_ID", id);
        env.put("AWS_REGION", instance.identity().region());
        env.put("AWS_DEFAULT_REGION", instance.identity().region());
        if (ecsMetadata != null) {
            ecsMetadata.add(new TaskMetadataServer.TaskInfo(id, settings.cluster(), ecsTask(task, instance).taskArn(instance.identity()),
                    instance.identity().availabilityZone(), launchType(), task.createdAt));
            env.put("ECS_CONTAINER_METADATA_URI_V4", ecsMetadata.uriFor(id));
        }
        WorkloadProcess process = supervisor.start(id, instance.instanceId(), spec.command(), settings.workingDir(), env);
        synchronized (this) {
            task.process = process;
        }
        process.onExit().thenRun(() -> exited(task));
        timeline("task-started", instance.instanceId(), id + " on port " + port);
        if (isEcs()) {
            taskStateChange(task, "RUNNING", "RUNNING", null, null);
        }
        if (batch != null) {
            batch.started(instance, task);
        }
        if (balancer != null && lane.servesTraffic()) {
            balancer.register(id, "127.0.0.1", port);
        }
    }

    private void exited(Task task) {
        synchronized (this) {
            task.exited = now();
            task.exitCode = task.process.exitCode();
            task.status = Task.Status.STOPPED;
        }
        if (closed) {
            return;
        }
        timeline(task.killed != null ? "task-killed" : "task-exited", task.instanceId, task.id + " exit " + task.exitCode);
        if (isEcs()) {
            taskStateChange(task, "STOPPED", "STOPPED", null, null);
        }
        if (ecsMetadata != null) {
            ecsMetadata.statuses(task.id, "STOPPED", "STOPPED");
        }
        // A task that stopped on a live instance is taken out by its platform; one killed with its
        // instance stays in the target group until health checks fail or the group removes the instance.
        if (balancer != null && task.killed == null) {
            balancer.deregister(task.id);
        }
        if (batch != null && task.killed == null) {
            batch.exited(fleet.instance(task.instanceId), task);
        }
        reconcile();
    }

    // --- what lanes ask for --------------------------------------------------------------------

    @Override
    public WorkloadSpec spec() {
        return spec;
    }

    @Override
    public Instant now() {
        return clock.now();
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
        if (ecsMetadata != null) {
            ecsMetadata.statuses(task.id, "STOPPED", "RUNNING");
        }
        reconcile();
    }

    @Override
    public void deregister(Task task, Runnable drained) {
        synchronized (this) {
            task.deregistered = now();
        }
        if (balancer == null || !lane.servesTraffic()) {
            drained.run();
            return;
        }
        whenDeregistered.put(task.id, drained);
        balancer.deregister(task.id);
    }

    @Override
    public void targetChanged(String targetId, TargetState from, TargetState to, Instant at) {
        if (to == TargetState.HEALTHY) {
            healthyTargets.add(targetId);
        } else {
            healthyTargets.remove(targetId);
        }
        if (to == TargetState.UNUSED) {
            Runnable next = whenDeregistered.remove(targetId);
            if (next != null) {
                // Off the balancer's event loop: stopping a process is plain Java.
                clock.schedule(clock.now(), next);
            }
        }
    }

    @Override
    public void stop(Task task, Duration grace) {
        WorkloadProcess p = task.process;
        if (p == null || !p.isAlive()) {
            return;
        }
        synchronized (this) {
            task.sigterm = now();
        }
        p.terminate();
        timeline("sigterm", task.instanceId, task.id + ", SIGKILL in " + grace.toSeconds() + "s if still running");
        at(now().plus(grace), () -> {
            if (p.isAlive()) {
                synchronized (this) {
                    task.killed = now();
                }
                p.kill();
                timeline("sigkill", task.instanceId, task.id + " outlived its grace period");
            }
        });
    }

    @Override
    public void preStop(Task task, Runnable then) {
        WorkloadSpec.PreStop hook = spec.preStop();
        if (hook == null) {
            then.run();
            return;
        }
        if (hook.sleep() != null) {
            at(now().plus(hook.sleep()), then);
            return;
        }
        Thread t = new Thread(() -> {
            try {
                new ProcessBuilder("/bin/sh", "-c", hook.command()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            } catch (IOException e) {
                LOG.warn("preStop of {} could not start: {}", task.id, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            then.run();
        }, "spotsim-prestop-" + task.id);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void taskStateChange(Task task, String desiredStatus, String lastStatus, String stopCode, String stoppedReason) {
        InstanceView instance = fleet.instance(task.instanceId);
        events.publish(EcsEvents.taskStateChange(instance.identity(), ecsTask(task, instance), desiredStatus, lastStatus, stopCode,
                stoppedReason, now()));
    }

    @Override
    public void containerInstanceDraining(InstanceView instance, int runningTasks) {
        events.publish(EcsEvents.containerInstanceStateChange(instance.identity(), settings.cluster(),
                instance.instanceId().substring(2), "DRAINING", runningTasks, 2, now()));
    }

    @Override
    public void timeline(String kind, String instanceId, String detail) {
        timeline.add(new TimelineEntry(now(), kind, instanceId, detail));
    }

    // --- reading -------------------------------------------------------------------------------

    private boolean isEcs() {
        return spec.parsedLane() == Lane.ECS_EC2 || spec.parsedLane() == Lane.FARGATE_SPOT;
    }

    private String launchType() {
        return spec.parsedLane() == Lane.FARGATE_SPOT ? "FARGATE" : "EC2";
    }

    private EcsEvents.Task ecsTask(Task task, InstanceView instance) {
        boolean fargate = spec.parsedLane() == Lane.FARGATE_SPOT;
        return new EcsEvents.Task(settings.cluster(), task.id, "service:spotsim", launchType(), fargate ? "FARGATE_SPOT" : null, "app",
                fargate ? null : instance.instanceId().substring(2), task.createdAt, 1);
    }

    private synchronized List<Task> tasksOn(String instanceId, Task.Status status) {
        List<Task> out = new ArrayList<>();
        for (Task t : tasks.values()) {
            if (t.instanceId.equals(instanceId) && (status == null || t.status == status)) {
                out.add(t);
            }
        }
        return out;
    }

    /** Every task so far, with its drain moments. */
    public synchronized List<TaskRecord> tasks() {
        return tasks.values().stream().map(t -> t.snapshot(spec.lane())).toList();
    }

    public List<TimelineEntry> timeline() {
        return List.copyOf(timeline);
    }

    /** The process ids of every task started so far (for checks that none outlives the simulator). */
    public synchronized List<Long> pids() {
        return tasks.values().stream().filter(t -> t.process != null).map(t -> t.process.pid()).toList();
    }

    /** Targets the balancer considers healthy now. */
    public int healthyCapacity() {
        return healthyTargets.size();
    }

    public int desiredTasks() {
        return settings.desiredTasks();
    }

    /** The ECS cluster name the platform reports (for the ECS API reads). */
    public String cluster() {
        return settings.cluster();
    }

    /** The balancer in front of the tasks (for the ELBv2 API reads); null without one. */
    public LoadBalancer balancer() {
        return balancer;
    }

    /** Batch jobs that finished, failed, or are still to run (empty outside the batch lane). */
    public Map<String, String> jobStatuses() {
        return batch == null ? Map.of() : batch.statuses();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for a workload: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
