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
    private int desired;
    private int waitingForCapacity;

    AutoScalingGroup(Fleet fleet, GroupSpec spec, MetadataOptions options) {
        this.fleet = fleet;
        this.spec = spec;
        this.options = options;
        this.desired = spec.desired();
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
            List<String> ordered = new ArrayList<>(members);
            while (ordered.size() > desired) {
                String newest = ordered.remove(ordered.size() - 1);
                forget(newest);
                surplus.add(newest);
            }
        }
        for (String id : surplus) {
            terminateThroughGates(id, "scale-in: desired capacity lowered to " + newDesired);
        }
        fill("desired capacity raised to " + newDesired);
    }

    /** Launches until the group has its desired count, as far as pools have capacity. */
    void fill(String cause) {
        while (true) {
            SpotPool pool;
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
                pool = choice.get();
                InstanceView launched = fleet.launchInto(pool, spec.name(), options, spec.launchDelay());
                members.add(launched.instanceId());
                poolOfMember.put(launched.instanceId(), pool.key());
                membersPerPool.merge(pool.key(), 1, Integer::sum);
                listeners.forEach(l -> l.launching(spec.name(), launched, cause));
                if (cause.startsWith("capacity-rebalance:")) {
                    replacementFor.put(cause.substring("capacity-rebalance:".length()), launched.instanceId());
                    if (fleet.instance(launched.instanceId()).state() == InstanceState.RUNNING) {
                        terminateReplacedAtRiskInstance(launched.instanceId());
                    }
                }
            }
        }
    }

    private Optional<SpotPool> choosePool() {
        List<AllocationStrategy.PoolLoad> loads = new ArrayList<>();
        for (SpotPool pool : spec.pools()) {
            int ours = membersPerPool.getOrDefault(pool.key(), 0);
            loads.add(new AllocationStrategy.PoolLoad(pool, fleet.pools().spare(pool.key()), ours));
        }
        return spec.strategy().choose(loads);
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
        if (spec.capacityRebalance() && rebalanced && leave(id)) {
            fill("capacity-rebalance:" + id);
        } else if ((noticed || goingAway) && leave(id)) {
            announceTerminating(id, noticed ? "spot-interruption" : "instance " + after.state().wireName());
            fill("replacing " + id + " (" + (noticed ? "Spot interruption" : after.state().wireName()) + ")");
        }
        if (before.state() == InstanceState.PENDING && after.state() == InstanceState.RUNNING) {
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
                    terminateThroughGates(atRisk.instanceId(), "capacity-rebalance");
                }
            }
        }
    }

    /** Tells the listeners, waits for every gate, then terminates the instance unless it went meanwhile (a Spot action). */
    private void terminateThroughGates(String id, String cause) {
        announceTerminating(id, cause);
        InstanceView v = fleet.instance(id);
        CompletableFuture<?>[] held = gates.stream().map(g -> g.beforeTermination(v, cause).toCompletableFuture()).toArray(CompletableFuture[]::new);
        CompletableFuture<Void> all = CompletableFuture.allOf(held);
        // No gate holds it (or none is set): terminated before this returns, so a caller reads the state it caused.
        boolean now = all.isDone();
        all.whenComplete((ok, error) -> {
            if (error != null) {
                LOG.warn("a termination gate of {} failed for {}: {}; terminating anyway", spec.name(), id, error.toString());
            }
            if (now) {
                terminateIfStillThere(id);
            } else {
                fleet.clock().schedule(fleet.clock().now(), () -> terminateIfStillThere(id));
            }
        });
    }

    private void terminateIfStillThere(String id) {
        InstanceState state = fleet.instance(id).state();
        if (state.isUp() || state == InstanceState.PENDING) {
            fleet.terminate(id);
        }
    }

    private void announceTerminating(String id, String cause) {
        InstanceView v = fleet.instance(id);
        listeners.forEach(l -> l.terminating(spec.name(), v, cause));
    }
}
