package dev.spotsim.simulator.instance;

import static dev.spotsim.simulator.instance.InstanceState.*;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The instance state machine, in one place. EC2's own states (pending, running, shutting-down,
 * terminated, stopping, stopped) plus the two Spot milestones in between.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-lifecycle.html
 */
public final class InstanceLifecycle {
    private static final Map<InstanceState, Set<InstanceState>> ALLOWED = new EnumMap<>(InstanceState.class);

    static {
        ALLOWED.put(PENDING, EnumSet.of(RUNNING, SHUTTING_DOWN));
        ALLOWED.put(RUNNING, EnumSet.of(REBALANCE_RECOMMENDED, INTERRUPTION_NOTICED, SHUTTING_DOWN, STOPPING));
        ALLOWED.put(REBALANCE_RECOMMENDED, EnumSet.of(INTERRUPTION_NOTICED, SHUTTING_DOWN, STOPPING));
        ALLOWED.put(INTERRUPTION_NOTICED, EnumSet.of(SHUTTING_DOWN, STOPPING));
        ALLOWED.put(SHUTTING_DOWN, EnumSet.of(TERMINATED));
        ALLOWED.put(STOPPING, EnumSet.of(STOPPED));
        // A stopped Spot Instance can be started again (EC2 StartInstances); a terminated one cannot,
        // but the simulator's reset brings it back as pending for the next rehearsal.
        // A stopped instance can be terminated too (EC2 TerminateInstances; an Auto Scaling group does it to one it manages).
        ALLOWED.put(STOPPED, EnumSet.of(PENDING, SHUTTING_DOWN));
        ALLOWED.put(TERMINATED, EnumSet.of(PENDING));
    }

    private InstanceLifecycle() {
    }

    public static boolean allows(InstanceState from, InstanceState to) {
        return ALLOWED.get(from).contains(to);
    }

    /** Throws {@link IllegalStateException} naming both states when the move is not in the table. */
    public static void check(String instanceId, InstanceState from, InstanceState to) {
        if (!allows(from, to)) {
            throw new IllegalStateException(instanceId + " is " + from.wireName() + " and cannot become " + to.wireName());
        }
    }
}
