package dev.spotsim.simulator.fleet;

import dev.spotsim.scenarios.select.Selection;
import dev.spotsim.scenarios.select.Selector;
import dev.spotsim.simulator.clock.SimClock;
import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.instance.Interruption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Interruptions planned for later (a scenario's schedule, or the control API), with their targets picked at fire time. */
final class InterruptionSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(InterruptionSchedule.class);
    private final Fleet fleet;
    private final SimClock clock;
    private final Map<String, ScheduledInterruption> pending = new LinkedHashMap<>();
    private final Map<String, SimClock.Scheduled> timers = new LinkedHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    InterruptionSchedule(Fleet fleet, SimClock clock) {
        this.fleet = fleet;
        this.clock = clock;
    }

    synchronized ScheduledInterruption add(Instant at, Selection selection, InterruptRequest request, long seed) {
        String id = "sched-" + sequence.incrementAndGet();
        ScheduledInterruption s = new ScheduledInterruption(id, at, selection, request, seed);
        pending.put(id, s);
        timers.put(id, clock.schedule(at, () -> fire(id)));
        return s;
    }

    synchronized List<ScheduledInterruption> pending() {
        return List.copyOf(pending.values());
    }

    synchronized ScheduledInterruption cancel(String id) {
        ScheduledInterruption s = pending.remove(id);
        if (s == null) {
            throw new FleetException(FleetException.Kind.NOT_FOUND, "no scheduled interruption " + id);
        }
        timers.remove(id).cancel();
        return s;
    }

    private void fire(String id) {
        ScheduledInterruption s;
        synchronized (this) {
            s = pending.remove(id);
            timers.remove(id);
        }
        if (s == null) {
            return;
        }
        try {
            List<Interruption> done = fleet.interruptSelected(s.selection(), s.request(), s.seed());
            LOG.info("scheduled interruption {} hit {} instance(s)", id, done.size());
        } catch (RuntimeException e) {
            LOG.warn("scheduled interruption {} could not run: {}", id, e.getMessage());
        }
    }

    /** Running Spot Instances without an interruption, in launch order: what a selection may pick. */
    static List<InstanceView> candidates(List<InstanceView> instances) {
        return instances.stream()
                .filter(v -> v.identity().isSpot() && v.interruption() == null
                        && (v.state() == InstanceState.RUNNING || v.state() == InstanceState.REBALANCE_RECOMMENDED))
                .toList();
    }

    static Selector.Candidate describe(InstanceView v) {
        return new Selector.Candidate(v.instanceId(), CapacityPools.poolOf(v), v.identity().availabilityZone());
    }
}
