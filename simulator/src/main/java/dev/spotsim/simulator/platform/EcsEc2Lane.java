package dev.spotsim.simulator.platform;

import dev.spotsim.simulator.events.EcsEvents;
import dev.spotsim.simulator.instance.InstanceView;
import java.util.List;

/**
 * ECS on EC2 with ECS_ENABLE_SPOT_INSTANCE_DRAINING: the agent sees the notice on its next IMDS
 * poll, sets the container instance to DRAINING, and the service scheduler starts replacements on
 * other instances; each task leaves the target group, and once its deregistration is done ECS
 * stops it: stop signal, then SIGKILL after stopTimeout. A group's termination (scale-in, Capacity
 * Rebalancing) drains the same way, found at once (ECS managed instance draining).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/spot-instance-draining.html
 */
public final class EcsEc2Lane extends EcsLane {
    @Override
    String launchType() {
        return "EC2";
    }

    @Override
    String capacityProvider() {
        return null;
    }

    @Override
    public void onNotice(InstanceView instance, List<Task> tasks, PlatformContext p) {
        p.at(p.nextPoll(instance, p.spec().pollInterval()), () -> drain(instance, tasks, p));
    }

    @Override
    public void drain(InstanceView instance, List<Task> tasks, PlatformContext p) {
        setDraining(instance, tasks, p);
        tasks.forEach(t -> deregisterThenStop(t, p));
    }

    /** The service scheduler stops the draining tasks only once their replacements are healthy (minimumHealthyPercent 100). */
    @Override
    public void onTerminating(InstanceView instance, List<Task> tasks, String cause, PlatformContext p) {
        setDraining(instance, tasks, p);
        p.whenReplaced(instance, () -> tasks.forEach(t -> deregisterThenStop(t, p)));
    }

    private void setDraining(InstanceView instance, List<Task> tasks, PlatformContext p) {
        p.publish(EcsEvents.containerInstanceStateChange(instance.identity(), p.cluster(), instance.instanceId().substring(2), "DRAINING",
                tasks.size(), 2, p.now()));
        p.timeline("draining", instance.instanceId(), "ECS agent set the container instance to DRAINING");
        tasks.forEach(t -> stopping(t, "ServiceSchedulerInitiated", "Container instance is draining", p));
    }

    private static void deregisterThenStop(Task t, PlatformContext p) {
        p.deregister(t, () -> p.stop(t, p.spec().stopTimeout()));
    }
}
