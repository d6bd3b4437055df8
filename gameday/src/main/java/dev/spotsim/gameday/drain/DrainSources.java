package dev.spotsim.gameday.drain;

import java.util.List;

/**
 * Where a game day reads drain: the Auto Scaling group (lifecycle states, and its target groups), more
 * target groups, and the ECS cluster (null: none).
 */
public record DrainSources(String autoScalingGroup, List<String> targetGroupArns, String ecsCluster) {
    public DrainSources {
        targetGroupArns = targetGroupArns == null ? List.of() : List.copyOf(targetGroupArns);
    }

    /** Nothing to read beyond EC2. */
    public boolean none() {
        return autoScalingGroup == null && targetGroupArns.isEmpty() && ecsCluster == null;
    }
}
