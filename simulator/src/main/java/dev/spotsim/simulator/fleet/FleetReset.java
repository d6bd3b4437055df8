package dev.spotsim.simulator.fleet;

import dev.spotsim.simulator.instance.Faults;
import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.instance.MetadataOptions;
import dev.spotsim.simulator.instance.SimulatedInstance;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The fleet's part of the simulator's global reset, so tests sharing one simulator start clean: scheduled
 * interruptions cancelled, reclaimed pools restored, groups at their first desired capacity without lifecycle
 * hooks, and every instance clean.
 */
final class FleetReset {
    private final Fleet fleet;

    FleetReset(Fleet fleet) {
        this.fleet = fleet;
    }

    /** Resets everything; returns how many of each kind it cleared. */
    Map<String, Integer> run(MetadataOptions options) {
        Map<String, Integer> cleared = new LinkedHashMap<>();
        int scheduled = 0;
        for (ScheduledInterruption s : fleet.scheduledInterruptions()) {
            fleet.cancelScheduledInterruption(s.id());
            scheduled++;
        }
        cleared.put("scheduledInterruptions", scheduled);
        int reclaimed = 0;
        for (SpotPool p : fleet.pools().all()) {
            if (fleet.pools().isReclaimed(p.key())) {
                fleet.restorePool(p.key());
                reclaimed++;
            }
        }
        cleared.put("reclaimedPools", reclaimed);
        int hooks = 0;
        for (AutoScalingGroup g : fleet.groups()) {
            hooks += g.lifecycleHooks().clear();
            g.setDesired(g.spec().desired());
        }
        cleared.put("lifecycleHooks", hooks);
        cleared.put("instances", instances(options));
        return cleared;
    }

    /**
     * Every instance back to a clean state; returns how many changed. A standalone instance is relaunched when it
     * was interrupted, recommended for rebalance, stopped or given a maintenance event. A group's members are not
     * relaunched (the group would replace them): their planned interruptions and maintenance events are withdrawn;
     * an instance that already left its group (noticed, the group replaced it) is terminated now.
     */
    private int instances(MetadataOptions options) {
        Set<String> members = new HashSet<>();
        fleet.groups().forEach(g -> members.addAll(g.members()));
        int changed = 0;
        for (InstanceView v : fleet.instances()) {
            String id = v.instanceId();
            boolean touched = v.state() != InstanceState.RUNNING || v.interruption() != null || v.rebalanceTime() != null
                    || !v.maintenance().isEmpty();
            boolean dirty = touched || !v.options().equals(options) || !v.faults().equals(Faults.none());
            if (v.identity().autoScalingGroup() == null) {
                if (touched) {
                    fleet.reset(id);
                }
            } else if (members.contains(id)) {
                SimulatedInstance instance = fleet.simulated(id);
                instance.cancelPlannedInterruption();
                v.maintenance().forEach(m -> instance.cancelMaintenance(m.eventId()));
            } else if (v.state().isUp() || v.state() == InstanceState.PENDING) {
                fleet.terminate(id);
            } else {
                continue;
            }
            fleet.setMetadataOptions(id, options);
            fleet.setFaults(id, Faults.none());
            changed += dirty ? 1 : 0;
        }
        return changed;
    }
}
