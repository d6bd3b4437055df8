package dev.spotsim.simulator.platform;

import dev.spotsim.simulator.instance.InstanceView;
import java.util.List;

/**
 * ECS on EC2 with ECS_ENABLE_SPOT_INSTANCE_DRAINING: the agent sees the notice on its next IMDS
 * poll, sets the container instance to DRAINING, and the service scheduler starts replacements on
 * other instances; each task leaves the target group, and once its deregistration is done ECS
 * stops it: SIGTERM, then SIGKILL after stopTimeout.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/spot-instance-draining.html
 */
public final class EcsEc2Lane implements DrainLane {
    @Override
    public void onNotice(InstanceView instance, List<Task> tasks, PlatformContext p) {
        p.at(p.nextPoll(instance, p.spec().pollInterval()), () -> {
            p.containerInstanceDraining(instance, tasks.size());
            p.timeline("draining", instance.instanceId(), "ECS agent set the container instance to DRAINING");
            for (Task t : tasks) {
                p.detected(t);
                p.markDraining(t);
                p.taskStateChange(t, "STOPPED", "RUNNING", "ServiceSchedulerInitiated", "Container instance is draining");
                p.deregister(t, () -> p.stop(t, p.spec().stopTimeout()));
            }
        });
    }
}
