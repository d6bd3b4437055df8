package dev.spotsim.simulator.fleet;

import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.instance.MetadataOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Auto Scaling group that keeps its desired count of Spot Instances in service: an interrupted
 * instance is replaced in the pool the allocation strategy picks; with Capacity Rebalancing the
 * replacement starts at the rebalance recommendation and the at-risk instance is terminated once
 * its replacement runs and every {@link TerminationGate} lets it go (the platform drains its tasks
 * first). Launches wait while no pool has capacity.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-mixed-instances-groups.html
 */
public final class AutoScalingGroup {
    private static final Logger LOG = LoggerFactory.getLogger(AutoScalingGroup.class);
    private final Fleet fleet;
    private final GroupSpec spec;
    private final MetadataOptions options;
    private final List<GroupListener> listeners = new CopyOnWriteArrayList<>();
    private final List<TerminationGate> gates = new CopyOnWriteArrayList<>();
    /** Instances that count toward the desired capacity, in launch order. */
    private final Set<String> members = new LinkedHashSet<>();
    /** At-risk instance -> the replacement launched for it under Capacity Rebalancing. */
    private final Map<String, String> replacementFor = new ConcurrentHashMap<>();
    /** Pool key -> how many members are in it (for the diversified strategy). */
    private final Map<String, Integer> membersPerPool = new java.util.HashMap<>();
    private final Map<String, String> poolOfMember = new java.util.HashMap<>();
    private final LifecycleHooks hooks;
    private int desired;
    private int minSize;
    private int maxSize;
    private volatile boolean capacityRebalance;
    private int waitingForCapacity;

    AutoScalingGroup(Fleet fleet, GroupSpec spec, MetadataOptions options) {
        this.fleet = fleet;
        this.spec = spec;
        this.options = options;
        this.desired = spec.desired();
        this.minSize = 0;
        this.maxSize = spec.desired();
        this.capacityRebalance = spec.capacityRebalance();
        this.hooks = new LifecycleHooks(spec.name(), fleet.clock(), this::announceLifecycleAction);
    }

    /** The group's lifecycle hooks (Auto Scaling's PutLifecycleHook, CompleteLifecycleAction, ...). */
    public LifecycleHooks lifecycleHooks() {
        return hooks;
    }

    public synchronized int minSize() {
        return minSize;
    }

    public synchronized int maxSize() {
        return maxSize;
    }

    public boolean capacityRebalance() {
        return capacityRebalance;
    }

    /**
     * UpdateAutoScalingGroup: any of min, max, desired (null: unchanged) and Capacity Rebalancing.
     * min <= desired <= max must hold afterwards; a new min or max pulls an unset desired along, as AWS does.
     */
    public void update(Integer newMin, Integer newMax, Integer newDesired, Boolean rebalance) {
        int target;
        synchronized (this) {
            int min = newMin == null ? minSize : newMin;
            int max = newMax == null ? maxSize : newMax;
            if (min < 0 || max < 0 || min > max) {
                throw new IllegalArgumentException("The minimum size (" + min + ") must be less than or equal to the maximum size (" + max + ").");
            }
            target = newDesired != null ? newDesired : Math.max(min, Math.min(max, desired));
            if (target < min || target > max) {
                throw new IllegalArgumentException("Desired capacity:" + target + " must be between the specified min size:" + min + " and max size:" + max);
            }
            minSize = min;
            maxSize = max;
        }
        if (rebalance != null) {
            capacityRebalance = rebalance;
        }
        setDesired(target);
    }

    /**
     * TerminateInstanceInAutoScalingGroup: the instance leaves through the terminating hooks; the
     * group launches a replacement unless {@code decrementDesired}.
     */
    public void terminateInstance(String instanceId, boolean decrementDesired) {
        synchronized (this) {
            if (!members.contains(instanceId)) {
                throw new FleetException(FleetException.Kind.NOT_FOUND, "Instance Id not found - No managed instance found for instance ID: " + instanceId);
            }
            if (decrementDesired && desired <= minSize) {
                throw new IllegalArgumentException("Currently, desiredSize equals minSize (" + minSize + "). Terminating instance without replacement will "
                        + "violate group's min size constraint. Either set shouldDecrementDesiredCapacity flag to false or lower group's min size.");
            }
            forget(instanceId);
            if (decrementDesired) {
                desired--;
            }
        }
        retire(instanceId, "user request" + (decrementDesired ? " (desired capacity lowered to " + desired() + ")" : ""));
        fill("replacing " + instanceId + " (terminated by user request)");
    }

    /**
     * The instance leaves the group: Terminating:Wait while terminating hooks hold it, then it is
     * terminated. Every group-made termination goes through here (scale-in, Capacity Rebalancing,
     * TerminateInstanceInAutoScalingGroup).
     */
    void retire(String instanceId, String cause) {
        if (hooks.holds(instanceId, LifecycleHook.Transition.TERMINATING)) {
            return;
        }
        announceTerminating(instanceId, cause);
        InstanceView v = fleet.instance(instanceId);
        // The platform drains the instance's tasks (ELB deregistration delay, the lane's stop) while terminating hooks hold it.
        CompletableFuture<Void> drained = CompletableFuture.allOf(gates.stream()
                .map(g -> g.beforeTermination(v, cause).toCompletableFuture()).toArray(CompletableFuture[]::new))
                .exceptionally(error -> {
                    LOG.warn("a termination gate of {} failed for {}: {}; terminating anyway", spec.name(), instanceId, error.toString());
                    return null;
                });
        CompletableFuture<Void> released = new CompletableFuture<>();
        startTerminatingHooks(instanceId, r -> released.complete(null));
        CompletableFuture<Void> both = CompletableFuture.allOf(drained, released);
        // Nothing holds it: terminated before this returns, so a caller reads the state it caused.
        if (both.isDone()) {
            terminateIfUp(instanceId);
        } else {
            both.whenComplete((ok, error) -> fleet.clock().schedule(fleet.clock().now(), () -> terminateIfUp(instanceId)));
        }
    }

    private void startTerminatingHooks(String instanceId, java.util.function.Consumer<LifecycleHook.Result> then) {
        if (hooks.has(LifecycleHook.Transition.TERMINATING)) {
            // IMDS's target-lifecycle-state turns Terminated as the instance enters Terminating:Wait.
            fleet.setTargetLifecycleState(instanceId, "Terminated");
        }
        hooks.start(fleet.instance(instanceId), LifecycleHook.Transition.TERMINATING, then);
    }

    private void terminateIfUp(String instanceId) {
        InstanceView v = fleet.instance(instanceId);
        if (v.state().isUp() || v.state() == InstanceState.PENDING) {
            fleet.terminate(instanceId);
        }
    }

    /** A launching hook finished: ABANDON terminates the new instance and launches another; CONTINUE puts it in service. */
    private void launchHooksDone(String instanceId, LifecycleHook.Result result) {
        if (result == LifecycleHook.Result.ABANDON) {
            if (leave(instanceId)) {
                announceTerminating(instanceId, "launch abandoned by a lifecycle hook");
                terminateIfUp(instanceId);
                fill("replacing " + instanceId + " (launch abandoned)");
            }
        } else if (fleet.instance(instanceId).state() == InstanceState.RUNNING) {
            terminateReplacedAtRiskInstance(instanceId);
        }
    }

    /**
     * Auto Scaling's lifecycle state of one of its instances: Pending, Pending:Wait, InService,
     * Terminating, Terminating:Wait, Terminated.
     * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-lifecycle.html
     */
    public String lifecycleState(InstanceView v) {
        String wait = hooks.waitState(v.instanceId());
        if (wait != null) {
            return wait;
        }
        return switch (v.state()) {
            case PENDING -> "Pending";
            case SHUTTING_DOWN -> "Terminating";
            case TERMINATED -> "Terminated";
            default -> isMember(v.instanceId()) || replacementFor.containsKey(v.instanceId()) ? "InService" : "Terminating";
        };
    }

    private synchronized boolean isMember(String id) {
        return members.contains(id);
    }

    private void announceLifecycleAction(LifecycleAction action) {
        InstanceView v = fleet.instance(action.instanceId());
        listeners.forEach(l -> l.lifecycleActionStarted(spec.name(), action, v));
    }

    public GroupSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    public synchronized int desired() {
        return desired;
    }

    /** Instances counted toward the desired capacity (pending or in service, not leaving). */
    public synchronized List<String> members() {
        return List.copyOf(members);
    }

    /** Launches the group needs but cannot make because no pool has capacity. */
    public synchronized int waitingForCapacity() {
        return waitingForCapacity;
    }

    public void addListener(GroupListener listener) {
        listeners.add(listener);
    }

    /** Every termination the group decides from now on waits until {@code gate} lets the instance go. */
    public void addTerminationGate(TerminationGate gate) {
        gates.add(gate);
    }

    /** Changes the desired capacity: launches, or terminates the newest members. */
    public void setDesired(int newDesired) {
        if (newDesired < 0 || newDesired > 100_000) {
            throw new IllegalArgumentException("desired: expected 0..100000, got " + newDesired);
        }
        List<String> surplus = new ArrayList<>();
        synchronized (this) {
            desired = newDesired;
            minSize = Math.min(minSize, newDesired);
            maxSize = Math.max(maxSize, newDesired);
            List<String> ordered = new ArrayList<>(members);
            while (ordered.size() > desired) {
                String newest = ordered.remove(ordered.size() - 1);
                forget(newest);
                surplus.add(newest);
            }
        }
        for (String id : surplus) {
            retire(id, "scale-in: desired capacity lowered to " + newDesired);
        }
        fill("desired capacity raised to " + newDesired);
    }

    /** Launches until the group has its desired count, as far as pools have capacity. */
    void fill(String cause) {
        fill(List.of(cause));
    }

    /**
     * Launches until the group has its desired count, as far as pools have capacity: the i-th launch
     * for the i-th of {@code causes}, any further ones for the last.
     */
    void fill(List<String> causes) {
        for (int launches = 0; ; launches++) {
            String cause = causes.get(Math.min(launches, causes.size() - 1));
            InstanceView launched;
            synchronized (this) {
                int missing = desired - members.size();
                if (missing <= 0) {
                    waitingForCapacity = 0;
                    return;
                }
                Optional<SpotPool> choice = choosePool();
                if (choice.isEmpty()) {
                    waitingForCapacity = missing;
                    LOG.info("group {} waits for Spot capacity: {} launch(es) pending", spec.name(), missing);
                    return;
                }
                launched = launch(choice.get(), cause);
            }
            String id = launched.instanceId();
            hooks.start(fleet.instance(id), LifecycleHook.Transition.LAUNCHING, r -> launchHooksDone(id, r));
        }
    }

    private InstanceView launch(SpotPool pool, String cause) {
        InstanceView launched = fleet.launchInto(pool, spec.name(), options, spec.launchDelay());
        members.add(launched.instanceId());
        poolOfMember.put(launched.instanceId(), pool.key());
        membersPerPool.merge(pool.key(), 1, Integer::sum);
        listeners.forEach(l -> l.launching(spec.name(), launched, cause));
        if (cause.startsWith("capacity-rebalance:")) {
            replacementFor.put(cause.substring("capacity-rebalance:".length()), launched.instanceId());
        }
        return launched;
    }

    private Optional<SpotPool> choosePool() {
        List<PoolChoice.PoolLoad> loads = new ArrayList<>();
        for (SpotPool pool : spec.pools()) {
            int ours = membersPerPool.getOrDefault(pool.key(), 0);
            loads.add(new PoolChoice.PoolLoad(pool, fleet.pools().spare(pool.key()), ours));
        }
        return PoolChoice.choose(spec.strategy(), loads);
    }

    /** Follows its instances: an interrupted or at-risk one stops counting and is replaced. */
    void instanceChanged(InstanceView before, InstanceView after) {
        String id = after.instanceId();
        if (before == null) {
            return;
        }
        boolean rebalanced = before.rebalanceTime() == null && after.rebalanceTime() != null;
        boolean noticed = before.state() != InstanceState.INTERRUPTION_NOTICED && after.state() == InstanceState.INTERRUPTION_NOTICED;
        boolean goingAway = before.state().isUp() && !after.state().isUp();
        if (!after.state().isUp() && after.state() != InstanceState.PENDING) {
            hooks.instanceGone(id);
        }
        if (capacityRebalance && rebalanced && leave(id)) {
            fleet.replace(this, "capacity-rebalance:" + id);
        } else if (noticed && (leave(id) || replacementFor.remove(id) != null)) {
            announceTerminating(id, "spot-interruption");
            // The terminating hooks run during the notice; the Spot action still takes the instance at its time.
            if (hooks.has(LifecycleHook.Transition.TERMINATING)) {
                startTerminatingHooks(id, r -> terminateIfUp(id));
            }
            fleet.replace(this, "replacing " + id + " (Spot interruption)");
        } else if (goingAway && leave(id)) {
            announceTerminating(id, "instance " + after.state().wireName());
            fleet.replace(this, "replacing " + id + " (" + after.state().wireName() + ")");
        }
        if (before.state() == InstanceState.PENDING && after.state() == InstanceState.RUNNING
                && !hooks.holds(id, LifecycleHook.Transition.LAUNCHING)) {
            terminateReplacedAtRiskInstance(id);
        }
    }

    private synchronized boolean leave(String id) {
        return forget(id);
    }

    private boolean forget(String id) {
        if (!members.remove(id)) {
            return false;
        }
        membersPerPool.merge(poolOfMember.remove(id), -1, Integer::sum);
        return true;
    }

    /** Capacity Rebalancing: once the replacement runs, the at-risk instance is terminated (if still up). */
    private void terminateReplacedAtRiskInstance(String replacementId) {
        for (Map.Entry<String, String> e : replacementFor.entrySet()) {
            if (e.getValue().equals(replacementId)) {
                replacementFor.remove(e.getKey());
                InstanceView atRisk = fleet.instance(e.getKey());
                if (atRisk.state().isUp()) {
                    retire(atRisk.instanceId(), "capacity-rebalance");
                }
            }
        }
    }

    private void announceTerminating(String id, String cause) {
        InstanceView v = fleet.instance(id);
        listeners.forEach(l -> l.terminating(spec.name(), v, cause));
    }
}
