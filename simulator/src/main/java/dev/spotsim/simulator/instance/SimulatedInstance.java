package dev.spotsim.simulator.instance;

import dev.spotsim.simulator.clock.SimClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One simulated EC2 instance: its current {@link InstanceView} and the timers that will move it on.
 * Every change goes through the lifecycle table and is announced to the listener.
 */
public final class SimulatedInstance {
    private final InstanceListener listener;
    private final List<SimClock.Scheduled> timers = new ArrayList<>();
    private volatile InstanceView view;

    public SimulatedInstance(InstanceView initial, InstanceListener listener) {
        this.view = initial;
        this.listener = listener;
    }

    /** The current snapshot; never blocks. */
    public InstanceView view() {
        return view;
    }

    public String instanceId() {
        return view.instanceId();
    }

    /** Remembers a timer so that a reset or a cancelled interruption can withdraw it. */
    public synchronized void addTimer(SimClock.Scheduled timer) {
        timers.add(timer);
    }

    private synchronized void cancelTimers() {
        timers.forEach(SimClock.Scheduled::cancel);
        timers.clear();
    }

    /** pending -> running; an instance in a group is then InService. */
    public void markRunning(Instant now) {
        update(v -> {
            InstanceLifecycle.check(v.instanceId(), v.state(), InstanceState.RUNNING);
            InstanceView next = v.withState(InstanceState.RUNNING, now);
            return v.targetLifecycleState() == null ? next : next.withTargetLifecycleState("InService");
        });
    }

    /** Records the planned interruption; its milestones arrive through the other methods. */
    public void plan(Interruption interruption) {
        update(v -> v.withInterruption(interruption));
    }

    /** The rebalance recommendation becomes visible (EC2 sends it at most once per instance). */
    public void recommendRebalance(Instant now) {
        update(v -> {
            if (v.rebalanceTime() != null) {
                return v;
            }
            InstanceView next = v.withRebalanceTime(now);
            return v.state() == InstanceState.RUNNING ? next.withState(InstanceState.REBALANCE_RECOMMENDED, now) : next;
        });
    }

    /** The interruption notice: IMDS shows {@code spot/instance-action}; a group starts terminating it. */
    public void notice(Instant now) {
        update(v -> {
            InstanceLifecycle.check(v.instanceId(), v.state(), InstanceState.INTERRUPTION_NOTICED);
            InstanceView next = v.withState(InstanceState.INTERRUPTION_NOTICED, now);
            // Auto Scaling terminates an interrupted Spot Instance; target-lifecycle-state shows it.
            // https://docs.aws.amazon.com/autoscaling/ec2/userguide/retrieving-target-lifecycle-state-through-imds.html
            boolean terminating = v.interruption() != null && v.interruption().action() == InterruptionAction.TERMINATE;
            return terminating && v.targetLifecycleState() != null ? next.withTargetLifecycleState("Terminated") : next;
        });
    }

    /** The action time: terminate goes to shutting-down, stop and hibernate to stopping. */
    public void act(Instant now) {
        update(v -> {
            InstanceState to = v.interruption() == null || v.interruption().action() == InterruptionAction.TERMINATE
                    ? InstanceState.SHUTTING_DOWN : InstanceState.STOPPING;
            InstanceLifecycle.check(v.instanceId(), v.state(), to);
            return v.withState(to, now);
        });
    }

    /** Terminated by request (scale-in, capacity rebalancing): straight to shutting-down, any planned interruption dropped. */
    public void terminate(Instant now) {
        cancelTimers();
        update(v -> {
            InstanceLifecycle.check(v.instanceId(), v.state(), InstanceState.SHUTTING_DOWN);
            return v.withState(InstanceState.SHUTTING_DOWN, now);
        });
    }

    /** Stopped by request (EC2 StopInstances): straight to stopping, any planned interruption dropped. */
    public void stop(Instant now) {
        cancelTimers();
        update(v -> {
            InstanceLifecycle.check(v.instanceId(), v.state(), InstanceState.STOPPING);
            return v.withState(InstanceState.STOPPING, now);
        });
    }

    /** Replaces the instance's tags (EC2 CreateTags/DeleteTags); IMDS shows them from the next read. */
    public void retag(java.util.Map<String, String> tags) {
        update(v -> v.withIdentity(v.identity().withTags(tags)));
    }

    /**
     * Sets what IMDS shows under {@code autoscaling/target-lifecycle-state} (Auto Scaling's lifecycle
     * hooks: "Terminated" once a terminating hook starts); ignored for instances outside a group.
     */
    public void setTargetLifecycleState(String state) {
        update(v -> v.targetLifecycleState() == null || state.equals(v.targetLifecycleState()) ? v : v.withTargetLifecycleState(state));
    }

    /** shutting-down -> terminated, stopping -> stopped. */
    public void finishShutdown(Instant now) {
        update(v -> {
            InstanceState to = v.state() == InstanceState.STOPPING ? InstanceState.STOPPED : InstanceState.TERMINATED;
            InstanceLifecycle.check(v.instanceId(), v.state(), to);
            return v.withState(to, now);
        });
    }

    /** Withdraws a planned interruption whose notice has not been given; false when there is none to withdraw. */
    public boolean cancelPlannedInterruption() {
        synchronized (this) {
            InstanceView v = view;
            if (v.interruption() == null || v.state() != InstanceState.RUNNING && v.state() != InstanceState.REBALANCE_RECOMMENDED) {
                return false;
            }
            cancelTimers();
        }
        update(v -> v.withInterruption(null));
        return true;
    }

    /** Brings the instance back as freshly pending (terminated, stopped, or mid-interruption), dropping every timer. */
    public void relaunch(Instant now) {
        cancelTimers();
        update(v -> v.relaunched(now));
    }

    public void setOptions(MetadataOptions options) {
        update(v -> v.withOptions(options));
    }

    public void setFaults(Faults faults) {
        update(v -> v.withFaults(faults));
    }

    public void addMaintenance(MaintenanceEvent event) {
        update(v -> {
            List<MaintenanceEvent> active = new ArrayList<>(v.maintenance());
            active.add(event);
            return v.withMaintenance(active, v.maintenanceHistory());
        });
    }

    /** The event's window has passed: it moves to the history as completed. */
    public void completeMaintenance(String eventId) {
        moveToHistory(eventId, MaintenanceEvent.State.COMPLETED);
    }

    /** Moves an active event to the history as canceled; empty when no active event has that id. */
    public Optional<MaintenanceEvent> cancelMaintenance(String eventId) {
        return moveToHistory(eventId, MaintenanceEvent.State.CANCELED);
    }

    private Optional<MaintenanceEvent> moveToHistory(String eventId, MaintenanceEvent.State finalState) {
        MaintenanceEvent[] canceled = new MaintenanceEvent[1];
        update(v -> {
            List<MaintenanceEvent> active = new ArrayList<>(v.maintenance());
            List<MaintenanceEvent> history = new ArrayList<>(v.maintenanceHistory());
            for (MaintenanceEvent e : v.maintenance()) {
                if (e.eventId().equals(eventId)) {
                    active.remove(e);
                    canceled[0] = e.withState(finalState);
                    history.add(canceled[0]);
                    return v.withMaintenance(active, history);
                }
            }
            return v;
        });
        return Optional.ofNullable(canceled[0]);
    }

    private void update(UnaryOperator<InstanceView> change) {
        InstanceView before;
        InstanceView after;
        synchronized (this) {
            before = view;
            after = change.apply(before);
            if (after == before) {
                return;
            }
            view = after;
        }
        listener.changed(before, after);
    }
}
