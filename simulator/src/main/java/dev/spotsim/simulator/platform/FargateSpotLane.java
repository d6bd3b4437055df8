package dev.spotsim.simulator.platform;

import dev.spotsim.simulator.instance.InstanceView;
import java.util.List;

/**
 * Fargate Spot: at the notice ECS sends the task state change (stoppedReason "Your Spot Task was
 * interrupted.") and the stop signal together, deregisters the task, and SIGKILLs it after
 * stopTimeout (at most 120 s).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html#fargate-capacity-providers-termination
 */
public final class FargateSpotLane extends EcsLane {
    @Override
    String launchType() {
        return "FARGATE";
    }

    @Override
    String capacityProvider() {
        return "FARGATE_SPOT";
    }

    @Override
    public void onNotice(InstanceView instance, List<Task> tasks, PlatformContext p) {
        drain(instance, tasks, p);
    }

    @Override
    public void drain(InstanceView instance, List<Task> tasks, PlatformContext p) {
        for (Task t : tasks) {
            stopping(t, p.spec().stopCode(), "Your Spot Task was interrupted.", p);
            p.deregister(t, () -> { });
            p.stop(t, p.spec().stopTimeout());
        }
    }
}
