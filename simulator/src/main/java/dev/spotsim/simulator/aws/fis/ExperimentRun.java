package dev.spotsim.simulator.aws.fis;

import dev.spotsim.simulator.aws.fis.FisShapes.Action;
import dev.spotsim.simulator.aws.fis.FisShapes.Experiment;
import dev.spotsim.simulator.aws.fis.FisShapes.ExperimentAction;
import dev.spotsim.simulator.aws.fis.FisShapes.ExperimentSummary;
import dev.spotsim.simulator.aws.fis.FisShapes.State;
import dev.spotsim.simulator.aws.fis.FisShapes.Template;
import dev.spotsim.simulator.clock.SimClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One experiment: a copy of its template, its state (pending, initiating, running, then completed,
 * stopping/stopped or failed, always with a reason), its actions' states and the instances its
 * targets resolved to. Every change happens under its lock.
 * https://docs.aws.amazon.com/fis/latest/userguide/experiment-states.html
 */
final class ExperimentRun {
    final String id;
    final String arn;
    final Template template;
    final Map<String, String> tags;
    final Instant creationTime;
    final Map<String, ActionRun> actions = new LinkedHashMap<>();
    /** Target name to resolved instance ARNs, in launch order. */
    final Map<String, List<String>> resolved = new LinkedHashMap<>();
    final List<SimClock.Scheduled> timers = new ArrayList<>();
    private String status = "pending";
    private String reason = "Experiment is pending.";
    private Instant startTime;
    private Instant endTime;

    /** One action's state within the experiment. */
    static final class ActionRun {
        final String name;
        final Action spec;
        String status = "pending";
        String reason = "Initial state";
        Instant startTime;
        Instant endTime;

        ActionRun(String name, Action spec) {
            this.name = name;
            this.spec = spec;
        }

        boolean ended() {
            return status.equals("completed") || status.equals("cancelled") || status.equals("stopped") || status.equals("failed");
        }

        void set(String newStatus, String newReason) {
            status = newStatus;
            reason = newReason;
        }
    }

    ExperimentRun(String id, String arn, Template template, Map<String, String> tags, Instant creationTime) {
        this.id = id;
        this.arn = arn;
        this.template = template;
        this.tags = tags;
        this.creationTime = creationTime;
        template.actions().forEach((name, a) -> actions.put(name, new ActionRun(name, a)));
    }

    synchronized String status() {
        return status;
    }

    synchronized boolean ended() {
        return status.equals("completed") || status.equals("stopped") || status.equals("failed");
    }

    synchronized void set(String newStatus, String newReason, Instant now) {
        status = newStatus;
        reason = newReason;
        if (newStatus.equals("running") && startTime == null) {
            startTime = now;
        }
        if (ended()) {
            endTime = now;
            timers.forEach(SimClock.Scheduled::cancel);
            timers.clear();
        }
    }

    synchronized void addTimer(SimClock.Scheduled t) {
        timers.add(t);
    }

    synchronized Experiment toShape() {
        Map<String, ExperimentAction> as = new LinkedHashMap<>();
        actions.forEach((name, a) -> as.put(name, new ExperimentAction(a.spec.actionId(), a.spec.description(), a.spec.parameters(),
                a.spec.targets(), a.spec.startAfter(), new State(a.status, a.reason), a.startTime, a.endTime)));
        return new Experiment(id, arn, template.id(), template.roleArn(), new State(status, reason), template.targets(), as,
                template.stopConditions(), creationTime, startTime, endTime, tags);
    }

    synchronized ExperimentSummary summary() {
        return new ExperimentSummary(id, arn, template.id(), new State(status, reason), creationTime, tags);
    }
}
