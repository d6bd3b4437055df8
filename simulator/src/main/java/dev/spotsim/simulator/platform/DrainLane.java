package dev.spotsim.simulator.platform;

import dev.spotsim.scenarios.model.Lane;
import dev.spotsim.simulator.instance.InstanceView;
import java.util.List;

/**
 * What a platform does with the tasks of an instance that got a Spot notice. One implementation
 * per lane of DESIGN.md: ECS on EC2, Fargate Spot, EKS with the node termination handler, Batch,
 * and a bare app. Whatever still runs at the action time is killed by the platform, not the lane.
 */
public sealed interface DrainLane permits EcsEc2Lane, FargateSpotLane, EksNthLane, BatchLane, AppLane {
    /** The notice is out (IMDS shows it now); {@code tasks} are the instance's running tasks. */
    void onNotice(InstanceView instance, List<Task> tasks, PlatformContext platform);

    /** Whether the tasks of this lane sit behind the balancer. */
    default boolean servesTraffic() {
        return true;
    }

    static DrainLane of(Lane lane) {
        return switch (lane) {
            case ECS_EC2 -> new EcsEc2Lane();
            case FARGATE_SPOT -> new FargateSpotLane();
            case EKS_NTH -> new EksNthLane();
            case BATCH -> new BatchLane();
            case APP -> new AppLane();
        };
    }
}
