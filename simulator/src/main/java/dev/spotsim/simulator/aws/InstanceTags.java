package dev.spotsim.simulator.aws;

import dev.spotsim.simulator.instance.InstanceView;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An instance's tags as EC2 APIs see them: its own tags plus the ones Auto Scaling adds
 * ({@code aws:autoscaling:groupName}). Used to pick targets by tag (SSM Targets, FIS resourceTags).
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-tagging.html
 */
public final class InstanceTags {
    private InstanceTags() {
    }

    public static Map<String, String> of(InstanceView instance) {
        Map<String, String> tags = new LinkedHashMap<>(instance.identity().tags());
        if (instance.identity().autoScalingGroup() != null) {
            tags.putIfAbsent("aws:autoscaling:groupName", instance.identity().autoScalingGroup());
        }
        return tags;
    }

    /** The instance's ARN, {@code arn:aws:ec2:<region>:<account>:instance/<id>}. */
    public static String arn(InstanceView instance) {
        return "arn:aws:ec2:" + instance.identity().region() + ":" + instance.identity().accountId() + ":instance/" + instance.instanceId();
    }
}
