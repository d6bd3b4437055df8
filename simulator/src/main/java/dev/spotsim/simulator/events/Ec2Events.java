package dev.spotsim.simulator.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotsim.simulator.instance.InstanceIdentity;
import dev.spotsim.simulator.instance.InterruptionAction;
import java.time.Instant;
import java.util.List;

/** EC2's own events: the Spot warning, the rebalance recommendation, and state changes. */
public final class Ec2Events {
    /** The states EC2 reports in State-change Notifications. */
    public static final List<String> STATES = List.of("pending", "running", "shutting-down", "terminated", "stopping", "stopped");

    private Ec2Events() {
    }

    static String instanceArn(InstanceIdentity id) {
        return "arn:aws:ec2:" + id.region() + ":" + id.accountId() + ":instance/" + id.instanceId();
    }

    /**
     * Sent at the notice; its resource ARN carries the zone and no account, as AWS's own samples show.
     * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-instance-termination-notices.html
     */
    public static Event spotInterruptionWarning(InstanceIdentity id, InterruptionAction action, Instant noticeTime) {
        ObjectNode d = Event.newDetail();
        d.put("instance-id", id.instanceId());
        d.put("instance-action", action.wireName());
        return Event.of("EC2 Spot Instance Interruption Warning", "aws.ec2", id.accountId(), noticeTime, id.region(),
                List.of("arn:aws:ec2:" + id.availabilityZone() + ":instance/" + id.instanceId()), d);
    }

    /** https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/rebalance-recommendations.html */
    public static Event rebalanceRecommendation(InstanceIdentity id, Instant at) {
        ObjectNode d = Event.newDetail();
        d.put("instance-id", id.instanceId());
        return Event.of("EC2 Instance Rebalance Recommendation", "aws.ec2", id.accountId(), at, id.region(), List.of(instanceArn(id)), d);
    }

    /**
     * {@code state} is an EC2 state: pending, running, shutting-down, terminated, stopping, stopped.
     * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/monitoring-instance-state-changes.html
     */
    public static Event stateChange(InstanceIdentity id, String state, Instant at) {
        if (!STATES.contains(state)) {
            throw new IllegalArgumentException("state: expected one of " + String.join(", ", STATES) + ", got \"" + state + "\"");
        }
        ObjectNode d = Event.newDetail();
        d.put("instance-id", id.instanceId());
        d.put("state", state);
        return Event.of("EC2 Instance State-change Notification", "aws.ec2", id.accountId(), at, id.region(), List.of(instanceArn(id)), d);
    }
}
