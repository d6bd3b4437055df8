package dev.spotsim.simulator.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotsim.simulator.instance.InstanceIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Auto Scaling's events around a replacement: lifecycle actions (one per hook that holds an
 * instance) and Launch / Terminate Successful.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/prepare-for-lifecycle-notifications.html
 */
public final class AutoScalingEvents {
    public static final String LAUNCH_HOOK = "spotsim-launch-hook";
    public static final String TERMINATE_HOOK = "spotsim-terminate-hook";

    private AutoScalingEvents() {
    }

    /** The group's ARN; its UUID part is derived from the name so it stays the same all run. */
    static String groupArn(InstanceIdentity id, String group) {
        return groupArn(id.region(), id.accountId(), group);
    }

    /** The same ARN for the Auto Scaling API's answers. */
    public static String groupArn(String region, String accountId, String group) {
        UUID stable = UUID.nameUUIDFromBytes(group.getBytes(StandardCharsets.UTF_8));
        return "arn:aws:autoscaling:" + region + ":" + accountId + ":autoScalingGroup:" + stable + ":autoScalingGroupName/" + group;
    }

    /** EC2 Instance-launch / -terminate Lifecycle Action, for the shape's fixed hook names (golden files). */
    public static Event lifecycleAction(InstanceIdentity id, String group, boolean launching, Instant at) {
        return lifecycleAction(id, group, launching ? LAUNCH_HOOK : TERMINATE_HOOK, UUID.randomUUID().toString(), launching, "spotsim", at);
    }

    /**
     * EC2 Instance-launch / -terminate Lifecycle Action of one hook's action: its token is the one
     * CompleteLifecycleAction takes; {@code metadata} null leaves NotificationMetadata out, as AWS does.
     */
    public static Event lifecycleAction(InstanceIdentity id, String group, String hookName, String token, boolean launching,
                                        String metadata, Instant at) {
        ObjectNode d = Event.newDetail();
        d.put("LifecycleActionToken", token);
        d.put("AutoScalingGroupName", group);
        d.put("LifecycleHookName", hookName);
        d.put("EC2InstanceId", id.instanceId());
        d.put("LifecycleTransition", launching ? "autoscaling:EC2_INSTANCE_LAUNCHING" : "autoscaling:EC2_INSTANCE_TERMINATING");
        if (metadata != null) {
            d.put("NotificationMetadata", metadata);
        }
        return Event.of(launching ? "EC2 Instance-launch Lifecycle Action" : "EC2 Instance-terminate Lifecycle Action",
                "aws.autoscaling", id.accountId(), at, id.region(), List.of(groupArn(id, group)), d);
    }

    /** EC2 Instance Launch Successful / Terminate Successful, once the activity is done. */
    public static Event activitySuccessful(InstanceIdentity id, String group, boolean launch, String cause, Instant start, Instant end) {
        ObjectNode d = Event.newDetail();
        d.put("StatusCode", "InProgress");
        d.put("Description", (launch ? "Launching a new EC2 instance: " : "Terminating EC2 instance: ") + id.instanceId());
        d.put("AutoScalingGroupName", group);
        d.put("ActivityId", UUID.randomUUID().toString());
        ObjectNode details = d.putObject("Details");
        details.put("Availability Zone", id.availabilityZone());
        details.put("Subnet ID", id.subnetId());
        d.put("RequestId", UUID.randomUUID().toString());
        d.put("StatusMessage", "");
        d.put("EndTime", EventTimes.seconds(end));
        d.put("EC2InstanceId", id.instanceId());
        d.put("StartTime", EventTimes.seconds(start));
        d.put("Cause", cause);
        return Event.of(launch ? "EC2 Instance Launch Successful" : "EC2 Instance Terminate Successful", "aws.autoscaling",
                id.accountId(), end, id.region(), List.of(groupArn(id, group), Ec2Events.instanceArn(id)), d);
    }
}
