package dev.spotsim.simulator.fleet;

import dev.spotsim.scenarios.select.Selection;
import dev.spotsim.scenarios.select.Selector;
import dev.spotsim.simulator.clock.SimClock;
import dev.spotsim.simulator.instance.Faults;
import dev.spotsim.simulator.instance.InstanceIdentity;
import dev.spotsim.simulator.instance.InstanceListener;
import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.instance.Interruption;
import dev.spotsim.simulator.instance.InterruptionAction;
import dev.spotsim.simulator.instance.MaintenanceEvent;
import dev.spotsim.simulator.instance.MetadataOptions;
import dev.spotsim.simulator.instance.SimulatedInstance;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The one way to change the simulated instances: the control API, the CLI and the scenario runner
 * all call this. Every timed step runs on the injected clock.
 */
public final class Fleet {
    private final SimClock clock;
    private final FleetSettings settings;
    private final Map<String, SimulatedInstance> instances = new ConcurrentHashMap<>();
    /** Instance ids in launch order; appending is O(1) (a copy-on-write list copied every id on each launch). */
    private final Queue<String> launchOrder = new ConcurrentLinkedQueue<>();
    private final List<InstanceListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong maintenanceSequence = new AtomicLong();
    private final AtomicInteger identityIndex = new AtomicInteger();
    private final CapacityPools pools = new CapacityPools();
    private final Map<String, AutoScalingGroup> groups = new ConcurrentHashMap<>();
    private final InterruptionSchedule schedule;
    private final NoticeBurst burst = new NoticeBurst();

    public Fleet(SimClock clock, FleetSettings settings) {
        this.clock = clock;
        this.settings = settings;
        this.schedule = new InterruptionSchedule(this, clock);
        listeners.add(pools::instanceChanged);
    }

    public SimClock clock() {
        return clock;
    }

    /** Listeners hear every change of every instance, in the order it happened on that instance. */
    public void addListener(InstanceListener listener) {
        listeners.add(listener);
    }

    /** Launches an instance: pending, then running after the boot duration. */
    public InstanceView launch(InstanceIdentity identity, MetadataOptions options) {
        return launch(identity, options, settings.bootDuration());
    }

    private InstanceView launch(InstanceIdentity identity, MetadataOptions options, Duration bootDuration) {
        pools.addIfUnknown(identity.instanceType(), identity.availabilityZone());
        SimulatedInstance instance = new SimulatedInstance(InstanceView.launched(identity, clock.now(), options), this::announce);
        if (instances.putIfAbsent(identity.instanceId(), instance) != null) {
            throw FleetException.conflict("instance " + identity.instanceId() + " already exists");
        }
        launchOrder.add(identity.instanceId());
        announce(null, instance.view());
        boot(instance, bootDuration);
        return instance.view();
    }

    /** Launches a new Spot Instance into a pool for a group, with a fresh generated identity. */
    InstanceView launchInto(SpotPool pool, String groupName, MetadataOptions options, Duration bootDuration) {
        InstanceIdentity identity;
        do {
            identity = InstanceIdentity.generated(identityIndex.getAndIncrement(), pool.instanceType(), pool.availabilityZone(), "spot")
                    .withAutoScalingGroup(groupName);
        } while (instances.containsKey(identity.instanceId()));
        return launch(identity, options, bootDuration);
    }

    private void boot(SimulatedInstance instance, Duration bootDuration) {
        if (bootDuration.isZero()) {
            instance.markRunning(clock.now());
        } else {
            instance.addTimer(clock.schedule(clock.now().plus(bootDuration), () -> instance.markRunning(clock.now())));
        }
    }

    /** The pools known to the simulation and their capacity now. */
    public CapacityPools pools() {
        return pools;
    }

    /** Creates an Auto Scaling group and launches its desired capacity. */
    public AutoScalingGroup createGroup(GroupSpec spec, MetadataOptions options) {
        return createGroup(spec, options, null);
    }

    /** Creates a group whose launch and termination decisions {@code listener} hears from the first launch on. */
    public AutoScalingGroup createGroup(GroupSpec spec, MetadataOptions options, GroupListener listener) {
        spec.pools().forEach(pools::add);
        AutoScalingGroup group = new AutoScalingGroup(this, spec, options);
        if (listener != null) {
            group.addListener(listener);
        }
        if (groups.putIfAbsent(spec.name(), group) != null) {
            throw FleetException.conflict("group " + spec.name() + " already exists");
        }
        listeners.add(group::instanceChanged);
        pools.onRestore(() -> group.fill("Spot capacity returned"));
        group.fill("initial launch");
        return group;
    }

    public List<AutoScalingGroup> groups() {
        return List.copyOf(groups.values());
    }

    public AutoScalingGroup group(String name) {
        AutoScalingGroup g = groups.get(name);
        if (g == null) {
            throw new FleetException(FleetException.Kind.NOT_FOUND, "no group " + name);
        }
        return g;
    }

    /** Terminates an instance now (scale-in, a group replacing an at-risk instance, or a stopped one): shutting-down, then terminated. */
    public void terminate(String instanceId) {
        SimulatedInstance instance = find(instanceId);
        InstanceView v = instance.view();
        if (!v.state().isUp() && v.state() != InstanceState.PENDING && v.state() != InstanceState.STOPPED) {
            throw FleetException.conflict(instanceId + " is " + v.state().wireName() + "; only a pending, running or stopped instance can be terminated");
        }
        instance.terminate(clock.now());
        instance.addTimer(clock.schedule(clock.now().plus(settings.shutdownDuration()), () -> instance.finishShutdown(clock.now())));
    }

    /** Stops a running instance now (EC2 StopInstances): stopping, then stopped after the shutdown duration. */
    public void stop(String instanceId) {
        SimulatedInstance instance = find(instanceId);
        InstanceView v = instance.view();
        if (v.state() != InstanceState.RUNNING && v.state() != InstanceState.REBALANCE_RECOMMENDED) {
            throw FleetException.conflict(instanceId + " is " + v.state().wireName() + "; only a running instance can be stopped");
        }
        instance.stop(clock.now());
        instance.addTimer(clock.schedule(clock.now().plus(settings.shutdownDuration()), () -> instance.finishShutdown(clock.now())));
    }

    /** Replaces an instance's tags (EC2 CreateTags/DeleteTags); a key IMDS cannot serve is refused. */
    public InstanceView setTags(String instanceId, Map<String, String> tags) {
        SimulatedInstance instance = find(instanceId);
        instance.retag(tags);
        return instance.view();
    }

    /** What IMDS shows as the Auto Scaling target lifecycle state ("InService", "Terminated"); set by lifecycle hooks. */
    public void setTargetLifecycleState(String instanceId, String state) {
        find(instanceId).setTargetLifecycleState(state);
    }

    /**
     * Interrupts the instances a selection picks now among running Spot Instances without an
     * interruption; every notice is given before the groups launch replacements ({@link NoticeBurst}).
     */
    public List<Interruption> interruptSelected(Selection selection, InterruptRequest request, long seed) {
        List<InstanceView> picked = Selector.pick(selection, InterruptionSchedule.candidates(instances()), InterruptionSchedule::describe, seed);
        return burst.run(() -> picked.stream().map(v -> interrupt(v.instanceId(), request)).toList());
    }

    /** Plans an interruption for {@code at}; its targets are picked then. */
    public ScheduledInterruption scheduleInterruption(Instant at, Selection selection, InterruptRequest request, long seed) {
        return schedule.add(at, selection, request, seed);
    }

    public List<ScheduledInterruption> scheduledInterruptions() {
        return schedule.pending();
    }

    public ScheduledInterruption cancelScheduledInterruption(String id) {
        return schedule.cancel(id);
    }

    /**
     * EC2 takes a pool's Spot capacity back: every running Spot Instance in it is interrupted together
     * and nothing launches there until the pool is restored ({@code restoreAfter} null: only by hand).
     */
    public List<Interruption> reclaimPool(String poolKey, InterruptRequest request, Duration restoreAfter) {
        pools.reclaim(poolKey);
        if (restoreAfter != null) {
            clock.schedule(clock.now().plus(restoreAfter), () -> pools.restore(poolKey));
        }
        return burst.run(() -> InterruptionSchedule.candidates(instances()).stream()
                .filter(v -> CapacityPools.poolOf(v).equals(poolKey))
                .map(v -> interrupt(v.instanceId(), request)).toList());
    }

    /** Capacity returns to a reclaimed pool; groups waiting for capacity launch again. */
    public void restorePool(String poolKey) {
        pools.restore(poolKey);
    }

    /** Every instance, in launch order. */
    public List<InstanceView> instances() {
        return launchOrder.stream().map(id -> instances.get(id).view()).toList();
    }

    public InstanceView instance(String instanceId) {
        return find(instanceId).view();
    }

    /** A live, read-only view of one instance: each call returns its current snapshot (IMDS reads through this). */
    public Supplier<InstanceView> liveView(String instanceId) {
        return find(instanceId)::view;
    }

    private SimulatedInstance find(String instanceId) {
        SimulatedInstance instance = instanceId == null ? null : instances.get(instanceId);
        if (instance == null) {
            throw FleetException.notFound(instanceId);
        }
        return instance;
    }

    /**
     * Plans a Spot interruption: an optional rebalance recommendation at now + delay, the notice
     * {@code rebalanceLead} later, and the action one notice period after that.
     * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-instance-termination-notices.html
     */
    public Interruption interrupt(String instanceId, InterruptRequest request) {
        SimulatedInstance instance = find(instanceId);
        synchronized (instance) {
            InstanceView v = instance.view();
            if (!v.identity().isSpot()) {
                throw FleetException.conflict(instanceId + " is an on-demand instance; only Spot Instances are interrupted");
            }
            if (v.interruption() != null) {
                throw FleetException.conflict(instanceId + " already has an interruption (action at " + v.interruption().actionTime() + ")");
            }
            if (v.state() != InstanceState.RUNNING && v.state() != InstanceState.REBALANCE_RECOMMENDED) {
                throw FleetException.conflict(instanceId + " is " + v.state().wireName() + "; only a running instance can be interrupted");
            }
            Instant start = clock.now().plus(request.delay());
            boolean withRebalance = !request.rebalanceLead().isZero();
            Instant noticeTime = start.plus(request.rebalanceLead());
            // Hibernation gets the notice but no two-minute warning: it begins at once.
            // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-instance-termination-notices.html
            boolean atOnce = request.action() == InterruptionAction.HIBERNATE;
            Instant actionTime = atOnce ? noticeTime : roundedUp(noticeTime.plus(request.notice()));
            Interruption plan = new Interruption(instanceId, request.action(), withRebalance ? start : null, noticeTime, actionTime);
            instance.plan(plan);
            if (withRebalance) {
                atOrNow(instance, start, () -> instance.recommendRebalance(clock.now()));
            }
            if (atOnce) {
                atOrNow(instance, noticeTime, () -> {
                    instance.notice(clock.now());
                    act(instance);
                });
            } else {
                atOrNow(instance, noticeTime, () -> instance.notice(clock.now()));
                instance.addTimer(clock.schedule(actionTime, () -> act(instance)));
            }
            return plan;
        }
    }

    /**
     * IMDS shows the action time to the second: it is rounded up so what is shown is what happens and the
     * notice is never shorter than asked.
     */
    private static Instant roundedUp(Instant exact) {
        Instant seconds = exact.truncatedTo(ChronoUnit.SECONDS);
        return seconds.isBefore(exact) ? seconds.plusSeconds(1) : seconds;
    }

    /** A step that is due now happens before the call returns, so a caller reads the state it caused. */
    private void atOrNow(SimulatedInstance instance, Instant at, Runnable step) {
        if (at.isAfter(clock.now())) {
            instance.addTimer(clock.schedule(at, step));
        } else {
            step.run();
        }
    }

    private void act(SimulatedInstance instance) {
        instance.act(clock.now());
        instance.addTimer(clock.schedule(clock.now().plus(settings.shutdownDuration()), () -> instance.finishShutdown(clock.now())));
    }

    /** A rebalance recommendation on its own, after {@code delay}; EC2 may or may not follow it with a notice. */
    public Instant recommendRebalance(String instanceId, Duration delay) {
        SimulatedInstance instance = find(instanceId);
        InstanceView v = instance.view();
        // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/rebalance-recommendations.html (Spot Instances only)
        if (!v.identity().isSpot()) {
            throw FleetException.conflict(instanceId + " is an on-demand instance; rebalance recommendations are for Spot Instances only");
        }
        if (!v.state().isUp()) {
            throw FleetException.conflict(instanceId + " is " + v.state().wireName() + "; only a running instance gets a rebalance recommendation");
        }
        if (v.rebalanceTime() != null) {
            throw FleetException.conflict(instanceId + " already had a rebalance recommendation at " + v.rebalanceTime());
        }
        Instant at = clock.now().plus(delay);
        instance.addTimer(clock.schedule(at, () -> instance.recommendRebalance(clock.now())));
        return at;
    }

    /** Withdraws an interruption before its notice. After the notice AWS never takes it back, so neither do we. */
    public void cancelInterruption(String instanceId) {
        SimulatedInstance instance = find(instanceId);
        InstanceView v = instance.view();
        if (v.interruption() == null) {
            throw FleetException.conflict(instanceId + " has no planned interruption");
        }
        if (!instance.cancelPlannedInterruption()) {
            throw FleetException.conflict(instanceId + " has been noticed already (" + v.state().wireName() + "); a notice cannot be withdrawn");
        }
    }

    /** Schedules a maintenance event; it shows as active until its window ends, then moves to the history. */
    public MaintenanceEvent scheduleMaintenance(String instanceId, MaintenanceRequest request) {
        SimulatedInstance instance = find(instanceId);
        if (!instance.view().state().isUp()) {
            throw FleetException.conflict(instanceId + " is " + instance.view().state().wireName() + "; events are scheduled for running instances");
        }
        Instant notBefore = (request.notBefore() != null ? request.notBefore() : clock.now().plus(Duration.ofDays(1)))
                .truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = notBefore.plus(request.window());
        String eventId = String.format("instance-event-%017x", 0x0a1b2c3d000L + maintenanceSequence.incrementAndGet());
        MaintenanceEvent event = new MaintenanceEvent(eventId, request.code(), request.description(), notBefore, notAfter,
                notBefore.plus(Duration.ofDays(7)), MaintenanceEvent.State.ACTIVE);
        instance.addMaintenance(event);
        instance.addTimer(clock.schedule(notAfter, () -> instance.completeMaintenance(eventId)));
        return event;
    }

    public MaintenanceEvent cancelMaintenance(String instanceId, String eventId) {
        return find(instanceId).cancelMaintenance(eventId)
                .orElseThrow(() -> new FleetException(FleetException.Kind.NOT_FOUND, instanceId + " has no active maintenance event " + eventId));
    }

    public void setMetadataOptions(String instanceId, MetadataOptions options) {
        find(instanceId).setOptions(options);
    }

    public void setFaults(String instanceId, Faults faults) {
        find(instanceId).setFaults(faults);
    }

    /** Brings an instance back (terminated, stopped or mid-interruption) as a fresh one with the same identity. */
    public InstanceView reset(String instanceId) {
        SimulatedInstance instance = find(instanceId);
        instance.relaunch(clock.now());
        boot(instance, settings.bootDuration());
        return instance.view();
    }

    /**
     * The global reset: no scheduled interruptions, every reclaimed pool restored, every group at its first
     * desired capacity without lifecycle hooks, and every instance clean with {@code options} and no faults
     * (see {@link FleetReset}). Returns what it cleared, by kind.
     */
    public Map<String, Integer> resetAll(MetadataOptions options) {
        return new FleetReset(this).run(options);
    }

    /** A group replaces an instance: now, or once the notices given together with this one are all out. */
    void replace(AutoScalingGroup group, String cause) {
        burst.replace(group, cause);
    }

    /** The instance itself, for the reset to withdraw a plan leniently (no error when there is none). */
    SimulatedInstance simulated(String instanceId) {
        return find(instanceId);
    }

    /** Starts a stopped instance again, as EC2 StartInstances does for a stopped Spot Instance. */
    public InstanceView start(String instanceId) {
        SimulatedInstance instance = find(instanceId);
        if (instance.view().state() != InstanceState.STOPPED) {
            throw FleetException.conflict(instanceId + " is " + instance.view().state().wireName() + "; only a stopped instance can be started");
        }
        return reset(instanceId);
    }

    private void announce(InstanceView before, InstanceView after) {
        for (InstanceListener l : listeners) {
            l.changed(before, after);
        }
    }
}
