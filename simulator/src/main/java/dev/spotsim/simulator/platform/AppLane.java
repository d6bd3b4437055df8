package dev.spotsim.simulator.platform;

import dev.spotsim.simulator.instance.InstanceView;
import java.util.List;

/** No platform help: the workload must watch IMDS and leave on its own; it is killed when its instance goes. */
public final class AppLane implements DrainLane {
    @Override
    public void onNotice(InstanceView instance, List<Task> tasks, PlatformContext p) {
        p.timeline("notice-unhandled", instance.instanceId(), "no platform drain: the workload must watch IMDS itself");
    }

    /** Nothing drains: the instance goes at once, with whatever still runs on it. */
    @Override
    public void onTerminating(InstanceView instance, List<Task> tasks, String cause, PlatformContext p) {
        drain(instance, tasks, p);
    }

    @Override
    public void drain(InstanceView instance, List<Task> tasks, PlatformContext p) {
        p.timeline("terminating-unhandled", instance.instanceId(), "no platform drain: " + tasks.size() + " task(s) go with the instance");
    }
}
