package dev.spotsim.simulator.platform;

import dev.spotsim.simulator.instance.InstanceView;
import java.util.List;

/** No platform help: the workload must watch IMDS and leave on its own; it is killed at the action time. */
public final class AppLane implements DrainLane {
    @Override
    public void onNotice(InstanceView instance, List<Task> tasks, PlatformContext p) {
        p.timeline("notice-unhandled", instance.instanceId(), "no platform drain: the workload must watch IMDS itself");
    }
}
