package dev.spotsim.gameday.drain;

import java.util.List;

/**
 * Where a game day reads drain: the Auto Scaling group (lifecycle states, and its target groups), more
 * target groups, the ECS cluster (null: none), and whether an SQS queue with an EventBridge rule may be created.
 */
public record DrainSources(String autoScalingGroup, List<String> targetGroupArns, String ecsCluster, boolean eventQueue) {
    public DrainSources {
        targetGroupArns = targetGroupArns == null ? List.of() : List.copyOf(targetGroupArns);
    }

    /** Nothing to read beyond EC2. */
    public boolean none() {
        return autoScalingGroup == null && targetGroupArns.isEmpty() && ecsCluster == null;
    }
}
