package dev.spotsim.simulator.platform;

import dev.spotsim.simulator.instance.InstanceView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * EKS with the AWS Node Termination Handler in IMDS mode: it polls every 2 s, cordons the node and
 * evicts its pods: the pod leaves the service endpoints, its preStop hook runs, then the stop
 * signal, and SIGKILL once terminationGracePeriodSeconds is over: the grace period counts from the
 * start of preStop, so a long hook leaves less time after the signal. The drain gives up after its
 * timeout (120 s by default); the node goes at the action time regardless.
 * https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#hook-handler-execution
 * https://github.com/aws/aws-node-termination-handler#imds-processor
 */
public final class EksNthLane implements DrainLane {
    @Override
    public void onNotice(InstanceView instance, List<Task> tasks, PlatformContext p) {
        p.at(p.nextPoll(instance, p.spec().pollInterval()), () -> drain(instance, tasks, p));
    }

    @Override
    public void drain(InstanceView instance, List<Task> tasks, PlatformContext p) {
        p.timeline("cordoned", instance.instanceId(), "node termination handler cordoned the node and evicts its pods");
        Instant giveUp = p.now().plus(p.spec().drainTimeout());
        p.at(giveUp, () -> p.timeline("drain-gave-up", instance.instanceId(), "node drain timed out after "
                + p.spec().drainTimeout().toSeconds() + "s"));
        for (Task t : tasks) {
            p.detected(t);
            p.markDraining(t);
            p.deregister(t, () -> { });
            Instant evictedAt = p.now();
            p.preStop(t, () -> {
                Duration left = p.spec().terminationGracePeriod().minus(Duration.between(evictedAt, p.now()));
                p.stop(t, left.isNegative() ? Duration.ZERO : left);
            });
        }
    }
}
