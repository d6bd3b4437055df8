package dev.spotsim.simulator.platform;

import dev.spotsim.simulator.instance.InstanceView;
import java.util.List;

/**
 * EKS with the AWS Node Termination Handler in IMDS mode: it polls every 2 s, cordons the node and
 * evicts its pods: the pod leaves the service endpoints, its preStop hook runs, then SIGTERM, and
 * SIGKILL once terminationGracePeriodSeconds (which includes preStop) is over. The drain gives up
 * after its timeout (120 s by default); the node goes at the action time regardless.
 * https://github.com/aws/aws-node-termination-handler#imds-processor
 */
public final class EksNthLane implements DrainLane {
    @Override
    public void onNotice(InstanceView instance, List<Task> tasks, PlatformContext p) {
        p.at(p.nextPoll(instance, p.spec().pollInterval()), () -> {
            p.timeline("cordoned", instance.instanceId(), "node termination handler cordoned the node and evicts its pods");
            var giveUp = p.now().plus(p.spec().drainTimeout());
            p.at(giveUp, () -> p.timeline("drain-gave-up", instance.instanceId(), "node drain timed out after " + p.spec().drainTimeout().toSeconds() + "s"));
            for (Task t : tasks) {
                p.detected(t);
                p.markDraining(t);
                p.deregister(t, () -> { });
                var evictedAt = p.now();
                p.preStop(t, () -> {
                    var left = p.spec().terminationGracePeriod().minus(java.time.Duration.between(evictedAt, p.now()));
                    p.stop(t, left.isNegative() ? java.time.Duration.ZERO : left);
                });
            }
        });
    }
}
