package dev.spotsim.simulator.events;

import dev.spotsim.simulator.clock.SimClock;
import dev.spotsim.simulator.fleet.GroupListener;
import dev.spotsim.simulator.fleet.LifecycleAction;
import dev.spotsim.simulator.fleet.LifecycleHook;
import dev.spotsim.simulator.instance.InstanceListener;
import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.instance.MaintenanceEvent;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns what happens in the fleet into the events AWS sends, at the moments AWS sends them: the
 * rebalance recommendation and the Spot warning when they appear in IMDS, a state-change
 * notification for every EC2 state, AWS Health for scheduled maintenance, and Auto Scaling's
 * lifecycle actions (when hooks hold an instance) and Launch/Terminate Successful around replacements.
 */
public final class FleetEvents implements InstanceListener, GroupListener {
    private final EventBus bus;
    private final SimClock clock;
    /** Instance -> (group, cause, start) of a launch or termination activity not finished yet. */
    private final Map<String, Activity> launching = new ConcurrentHashMap<>();
    private final Map<String, Activity> terminating = new ConcurrentHashMap<>();

    private record Activity(String group, String cause, Instant start) {
    }

    public FleetEvents(EventBus bus, SimClock clock) {
        this.bus = bus;
        this.clock = clock;
    }

    /** EC2's own state for a simulator state: the Spot milestones happen while EC2 says "running". */
    static String ec2State(InstanceState s) {
        return switch (s) {
            case REBALANCE_RECOMMENDED, INTERRUPTION_NOTICED -> "running";
            default -> s.wireName();
        };
    }

    @Override
    public void changed(InstanceView before, InstanceView after) {
        var id = after.identity();
        Instant now = clock.now();
        if (before == null || !ec2State(before.state()).equals(ec2State(after.state()))) {
            bus.publish(Ec2Events.stateChange(id, ec2State(after.state()), now));
        }
        if (before != null && before.rebalanceTime() == null && after.rebalanceTime() != null) {
            bus.publish(Ec2Events.rebalanceRecommendation(id, after.rebalanceTime()));
        }
        if (before != null && before.state() != InstanceState.INTERRUPTION_NOTICED && after.state() == InstanceState.INTERRUPTION_NOTICED) {
            bus.publish(Ec2Events.spotInterruptionWarning(id, after.interruption().action(), after.interruption().noticeTime()));
        }
        if (before != null && after.maintenance().size() > before.maintenance().size()) {
            for (MaintenanceEvent m : after.maintenance()) {
                if (!before.maintenance().contains(m)) {
                    bus.publish(HealthEvents.scheduledChange(id, m, now));
                }
            }
        }
        finishActivities(after, now);
    }

    private void finishActivities(InstanceView v, Instant now) {
        if (v.state() == InstanceState.RUNNING) {
            Activity a = launching.remove(v.instanceId());
            if (a != null) {
                bus.publish(AutoScalingEvents.activitySuccessful(v.identity(), a.group(), true, a.cause(), a.start(), now));
            }
        }
        if (v.state() == InstanceState.TERMINATED) {
            Activity a = terminating.remove(v.instanceId());
            if (a != null) {
                bus.publish(AutoScalingEvents.activitySuccessful(v.identity(), a.group(), false, a.cause(), a.start(), now));
            }
        }
    }

    @Override
    public void launching(String groupName, InstanceView instance, String cause) {
        Instant now = clock.now();
        launching.put(instance.instanceId(), new Activity(groupName, describe(instance, cause, true), now));
        finishActivities(instance, now);
    }

    @Override
    public void terminating(String groupName, InstanceView instance, String cause) {
        Instant now = clock.now();
        terminating.put(instance.instanceId(), new Activity(groupName, describe(instance, cause, false), now));
    }

    /** Only a group with lifecycle hooks sends lifecycle-action events: one per hook, with the action's token. */
    @Override
    public void lifecycleActionStarted(String groupName, LifecycleAction action, InstanceView instance) {
        boolean launching = action.hook().transition() == LifecycleHook.Transition.LAUNCHING;
        bus.publish(AutoScalingEvents.lifecycleAction(instance.identity(), groupName, action.hook().name(), action.token(), launching,
                action.hook().notificationMetadata(), action.started()));
    }

    /** Auto Scaling's Cause sentences, roughly as the activity history words them. */
    private static String describe(InstanceView v, String cause, boolean launch) {
        return "At " + EventTimes.seconds(v.stateChangedAt()) + " "
                + (launch ? "an instance was started in response to " : "an instance was taken out of service in response to ") + cause + ".";
    }
}
