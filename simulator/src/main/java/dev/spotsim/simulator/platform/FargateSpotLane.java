package dev.spotsim.simulator.platform;

import dev.spotsim.simulator.instance.InstanceView;
import java.util.List;

/**
 * Fargate Spot: at the notice ECS sends the task state change (stoppedReason "Your Spot Task was
 * interrupted.") and SIGTERM together, deregisters the task, and SIGKILLs it after stopTimeout
 * (at most 120 s).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html#fargate-capacity-providers-termination
 */
public final class FargateSpotLane implements DrainLane {
    @Override
    public void onNotice(InstanceView instance, List<Task> tasks, PlatformContext p) {
        for (Task t : tasks) {
            p.detected(t);
            p.markDraining(t);
            p.taskStateChange(t, "STOPPED", "RUNNING", p.spec().stopCode(), "Your Spot Task was interrupted.");
            p.deregister(t, () -> { });
            p.stop(t, p.spec().stopTimeout());
        }
    }
}
