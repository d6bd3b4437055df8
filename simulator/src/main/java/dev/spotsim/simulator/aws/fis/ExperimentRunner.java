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
                        complete(run, a);
                    }
                }
            }));
        }
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
