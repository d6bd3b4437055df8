package dev.spotsim.gameday.drain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * Read-only views of the group's load balancing and lifecycle: the target groups attached to the Auto
 * Scaling group, each target's health state ({@code healthy}, {@code draining}, {@code unused}...),
 * and each instance's lifecycle state ({@code InService}, {@code Terminating:Wait}, {@code Terminating:Proceed}...).
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetHealth.html
 * https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_DescribeAutoScalingInstances.html
 */
public final class TargetReader {
    /** DescribeAutoScalingInstances takes at most 50 instance ids. */
    static final int MAX_INSTANCE_IDS = 50;

    private final ElasticLoadBalancingV2Client elb;
    private final AutoScalingClient autoscaling;

    public TargetReader(ElasticLoadBalancingV2Client elb, AutoScalingClient autoscaling) {
        this.elb = elb;
        this.autoscaling = autoscaling;
    }

    /** The target groups the Auto Scaling group registers its instances in. */
    public List<String> targetGroupsOf(String group) {
        List<String> arns = new ArrayList<>();
        for (AutoScalingGroup g : autoscaling.describeAutoScalingGroups(b -> b.autoScalingGroupNames(group)).autoScalingGroups()) {
            arns.addAll(g.targetGroupARNs());
        }
        return arns;
    }

    /** Target "id:port" (id: an instance id or an IP) -> state, for one target group. */
    public Map<String, String> health(String targetGroupArn) {
        Map<String, String> states = new LinkedHashMap<>();
        for (TargetHealthDescription d : elb.describeTargetHealth(b -> b.targetGroupArn(targetGroupArn)).targetHealthDescriptions()) {
            states.put(d.target().id() + ":" + d.target().port(), d.targetHealth() == null ? null : d.targetHealth().stateAsString());
        }
        return states;
    }

    /** Instance id -> lifecycle state, for those of {@code instanceIds} Auto Scaling still knows. */
    public Map<String, String> lifecycleStates(List<String> instanceIds) {
        Map<String, String> states = new LinkedHashMap<>();
        for (List<String> batch : dev.spotsim.gameday.Batches.of(instanceIds, MAX_INSTANCE_IDS)) {
            for (AutoScalingInstanceDetails d : autoscaling.describeAutoScalingInstances(b -> b.instanceIds(batch)).autoScalingInstances()) {
                states.put(d.instanceId(), d.lifecycleState());
            }
        }
        return states;
    }
}
