package dev.spotsim.simulator.platform;

import dev.spotsim.simulator.instance.InstanceView;
import java.time.Instant;
import java.util.List;

/**
 * EKS with the AWS Node Termination Handler in IMDS mode: it polls every 2 s, cordons the node and
 * evicts its pods: the pod leaves the service endpoints, its preStop hook runs, then the stop
 * signal, and SIGKILL once terminationGracePeriodSeconds is over: the grace period counts from the
 * start of preStop, so a long hook leaves less time after the signal; the kubelet stops waiting for a
 * hook at the end of the grace period and then still gives the stop signal 2 s. The drain gives up after its
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
            // The grace period runs from the eviction, preStop included; after preStop the kubelet still gives at least 2 s.
            Instant gracePeriodEnd = p.now().plus(p.spec().terminationGracePeriod());
            p.preStop(t, gracePeriodEnd, () -> p.stopUntil(t, gracePeriodEnd, TaskStopper.MINIMUM_GRACE));
        }
    }
}
