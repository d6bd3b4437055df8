package dev.spotsim.simulator.aws.fis;

import dev.spotsim.simulator.aws.InstanceTags;
import dev.spotsim.simulator.aws.fis.ExperimentRun.ActionRun;
import dev.spotsim.simulator.aws.fis.FisShapes.Target;
import dev.spotsim.simulator.clock.SimClock;
import dev.spotsim.simulator.fleet.Fleet;
import dev.spotsim.simulator.fleet.FleetException;
import dev.spotsim.simulator.fleet.InterruptRequest;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.instance.InterruptionAction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries experiments out on the simulator's clock through the fleet's one service API: targets
 * resolved at the start, actions started once every action they start after has completed, the
 * experiment completed when every action has. The Spot action follows AWS's timeline: rebalance
 * recommendation at the action's start, the interruption notice at start + durationBeforeInterruption
 * - 2 minutes, the interruption at start + durationBeforeInterruption.
 * https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html#send-spot-instance-interruptions
 */
final class ExperimentRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);
    private final Fleet fleet;
    private final SimClock clock;
    private final TargetResolver resolver;

    ExperimentRunner(Fleet fleet, SimClock clock) {
        this.fleet = fleet;
        this.clock = clock;
        this.resolver = new TargetResolver(fleet);
    }

    /** initiating (targets resolved) then running; an empty target or a target past an action's limit fails the experiment. */
    void initiate(ExperimentRun run) {
        synchronized (run) {
            run.set("initiating", "Experiment is initiating.", clock.now());
            Random random = new Random(run.id.hashCode());
            for (Map.Entry<String, Target> t : run.template.targets().entrySet()) {
                List<InstanceView> picked = resolver.resolve(t.getValue(), random);
                if (picked.isEmpty()) {
                    fail(run, "Target resolution returned no resources for target " + t.getKey() + ".");
                    return;
                }
                run.resolved.put(t.getKey(), picked.stream().map(InstanceTags::arn).toList());
            }
            for (ActionRun a : run.actions.values()) {
                String limit = overLimit(run, a);
                if (limit != null) {
                    fail(run, limit);
                    return;
                }
            }
        }
    }

    /** Starts the actions that wait for nothing; called after {@link #initiate} unless it failed. */
    void begin(ExperimentRun run) {
        synchronized (run) {
            if (run.ended()) {
                return;
            }
            run.set("running", "Experiment is running.", clock.now());
            startReady(run);
        }
    }

    private static String overLimit(ExperimentRun run, ActionRun a) {
        FisAction kind = FisAction.of(a.spec.actionId());
        if (kind != FisAction.SEND_SPOT_INSTANCE_INTERRUPTIONS) {
            return null;
        }
        String target = a.spec.targets().get(kind.targetKey);
        int n = run.resolved.get(target).size();
        return n > FisAction.MAX_SPOT_TARGETS ? "Action " + a.name + " can interrupt at most " + FisAction.MAX_SPOT_TARGETS
                + " Spot Instances; target " + target + " resolved " + n + "." : null;
    }

    private void startReady(ExperimentRun run) {
        for (ActionRun a : run.actions.values()) {
            if (a.status.equals("pending") && (a.spec.startAfter() == null
                    || a.spec.startAfter().stream().allMatch(after -> run.actions.get(after).status.equals("completed")))) {
                start(run, a);
                if (run.ended()) {
                    return;
                }
            }
        }
    }

    private void start(ExperimentRun run, ActionRun a) {
        Instant now = clock.now();
        a.startTime = now;
        a.set("running", "Action is running.");
        FisAction kind = FisAction.of(a.spec.actionId());
        Duration lasts = kind.checkParameters(a.name, a.spec.parameters());
        List<String> ids = kind.targetKey == null ? List.of() : instanceIds(run.resolved.get(a.spec.targets().get(kind.targetKey)));
        try {
            switch (kind) {
                case SEND_SPOT_INSTANCE_INTERRUPTIONS -> ids.forEach(id -> interrupt(id, lasts));
                case TERMINATE_INSTANCES -> ids.forEach(fleet::terminate);
                case STOP_INSTANCES -> ids.forEach(this::stopInstance);
                case WAIT -> {
                    // nothing happens: the action only takes time
                }
            }
        } catch (FleetException | IllegalArgumentException e) {
            a.endTime = now;
            a.set("failed", e.getMessage());
            fail(run, "Action " + a.name + " failed: " + e.getMessage());
            return;
        }
        if (lasts.isZero()) {
            complete(run, a);
        } else {
            run.addTimer(clock.schedule(now.plus(lasts), () -> {
                synchronized (run) {
                    if (!run.ended() && a.status.equals("running")) {
                        finish(run, a, kind, ids);
                    }
                }
            }));
        }
    }

    /** The end of an action that lasts: the stop action's StartInstances first, then completed (or failed, when a start cannot be). */
    private void finish(ExperimentRun run, ActionRun a, FisAction kind, List<String> ids) {
        String problem = kind == FisAction.STOP_INSTANCES ? restart(ids, a.spec.parameters()) : null;
        if (problem == null) {
            complete(run, a);
            return;
        }
        a.endTime = clock.now();
        a.set("failed", problem);
        fail(run, "Action " + a.name + " failed: " + problem);
    }

    /** EC2 StopInstances as FIS calls it: a Spot Instance of a one-time request cannot be stopped, which fails the action as on AWS. */
    private void stopInstance(String instanceId) {
        InstanceView v = fleet.instance(instanceId);
        if (v.state() == dev.spotsim.simulator.instance.InstanceState.STOPPING || v.state() == dev.spotsim.simulator.instance.InstanceState.STOPPED) {
            return;
        }
        if (v.identity().isSpot()) {
            throw new IllegalArgumentException("UnsupportedOperation: You can't stop the Spot Instance '" + instanceId + "' because it is "
                    + "associated with a one-time Spot Instance request. You can only stop Spot Instances associated with persistent Spot Instance requests.");
        }
        fleet.stop(instanceId);
    }

    /**
     * StartInstances on the instances the stop action stopped, after startInstancesAfterDuration. One terminated meanwhile (an
     * Auto Scaling group replacing a stopped instance) fails the action unless completeIfInstancesTerminated is true; one
     * started by someone else is left alone. Returns the problem, or null.
     * https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html#stop-instances
     */
    private String restart(List<String> ids, Map<String, String> parameters) {
        boolean tolerateTerminated = parameters != null && "true".equals(parameters.get(FisAction.COMPLETE_IF_TERMINATED));
        for (String id : ids) {
            dev.spotsim.simulator.instance.InstanceState state = fleet.instance(id).state();
            switch (state) {
                case STOPPED -> fleet.start(id);
                case SHUTTING_DOWN, TERMINATED -> {
                    if (!tolerateTerminated) {
                        return "Instance " + id + " was terminated outside the experiment and cannot be started "
                                + "(set completeIfInstancesTerminated to true to complete anyway).";
                    }
                }
                case STOPPING -> {
                    return "Instance " + id + " was still stopping when it was due to start.";
                }
                default -> {
                    // started again by someone else: nothing to do
                }
            }
        }
        return null;
    }

    /** Two minutes' notice; the recommendation leads it by the rest of durationBeforeInterruption (with PT2M, both come at once). */
    private void interrupt(String instanceId, Duration durationBeforeInterruption) {
        Duration lead = durationBeforeInterruption.minus(InterruptRequest.AWS_NOTICE);
        if (lead.isZero() && fleet.instance(instanceId).rebalanceTime() == null) {
            fleet.recommendRebalance(instanceId, Duration.ZERO);
        }
        fleet.interrupt(instanceId, new InterruptRequest(InterruptionAction.TERMINATE, InterruptRequest.AWS_NOTICE, Duration.ZERO, lead));
    }

    private void complete(ExperimentRun run, ActionRun a) {
        a.endTime = clock.now();
        a.set("completed", "Action was completed.");
        if (run.actions.values().stream().allMatch(x -> x.status.equals("completed"))) {
            run.set("completed", "Experiment completed.", clock.now());
            return;
        }
        startReady(run);
    }

    /** StopExperiment: actions not yet ended are stopped (running) or cancelled (pending); planned interruptions not yet noticed are withdrawn. */
    void stop(ExperimentRun run) {
        synchronized (run) {
            if (run.ended()) {
                return;
            }
            run.set("stopping", "Experiment is stopping.", clock.now());
            for (ActionRun a : run.actions.values()) {
                if (a.status.equals("running")) {
                    withdraw(run, a);
                    a.endTime = clock.now();
                    a.set("stopped", "Action was stopped.");
                } else if (!a.ended()) {
                    a.set("cancelled", "Action was cancelled.");
                }
            }
            run.set("stopped", "Experiment stopped by user.", clock.now());
        }
    }

    private void withdraw(ExperimentRun run, ActionRun a) {
        if (a.spec.actionId().equals(FisAction.STOP_INSTANCES.actionId)) {
            restartOnStop(run, a);
            return;
        }
        if (!a.spec.actionId().equals(FisAction.SEND_SPOT_INSTANCE_INTERRUPTIONS.actionId)) {
            return;
        }
        for (String id : instanceIds(run.resolved.get(a.spec.targets().get(FisAction.SEND_SPOT_INSTANCE_INTERRUPTIONS.targetKey)))) {
            try {
                fleet.cancelInterruption(id);
            } catch (FleetException e) {
                LOG.debug("interruption of {} stays: {}", id, e.getMessage());
            }
        }
    }

    /**
     * Stopping an experiment completes its actions' post actions first: the stop action's StartInstances runs at once.
     * https://docs.aws.amazon.com/fis/latest/userguide/stop-experiment.html
     */
    private void restartOnStop(ExperimentRun run, ActionRun a) {
        if (a.spec.parameters() == null || !a.spec.parameters().containsKey(FisAction.START_AFTER)) {
            return;
        }
        try {
            String problem = restart(instanceIds(run.resolved.get(a.spec.targets().get(FisAction.STOP_INSTANCES.targetKey))), a.spec.parameters());
            if (problem != null) {
                LOG.info("experiment {} stopped: {}", run.id, problem);
            }
        } catch (FleetException e) {
            LOG.warn("experiment {} stopped: an instance could not be started again: {}", run.id, e.getMessage());
        }
    }

    private void fail(ExperimentRun run, String reason) {
        for (ActionRun a : run.actions.values()) {
            if (!a.ended()) {
                a.set("cancelled", "Action was cancelled.");
            }
        }
        run.set("failed", reason, clock.now());
    }

    private static List<String> instanceIds(List<String> arns) {
        List<String> ids = new ArrayList<>();
        for (String arn : arns == null ? List.<String>of() : arns) {
            ids.add(arn.substring(arn.lastIndexOf('/') + 1));
        }
        return ids;
    }
}
