package dev.spotsim.gameday.plan;

import dev.spotsim.gameday.Batches;
import dev.spotsim.gameday.Redactor;
import dev.spotsim.gameday.ec2.Ec2Instance;
import dev.spotsim.gameday.ssm.LoadCommand;
import dev.spotsim.scenarios.model.Slo;
import dev.spotsim.scenarios.time.Durations;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plan for people: the group and which instances each step interrupts, the FIS template and the
 * SSM command exactly as they would be sent, guards, caps and notes. Secrets in the command are masked.
 */
public final class PlanText {
    private PlanText() {
    }

    public static String render(GamedayPlan plan, boolean execute) {
        StringBuilder out = new StringBuilder();
        out.append("spotsim game day: ").append(plan.scenario()).append(", run ").append(plan.runId()).append(", region ")
                .append(plan.region()).append('\n');
        out.append(execute ? "EXECUTE: the steps below will change real instances.\n"
                : "DRY RUN: nothing below is done; only read-only calls were made. Add --execute to act.\n");
        targets(plan, out);
        out.append(String.format(Locale.ROOT, "%nBlast radius: %d of %d running instance%s (%.1f%%), within maxInstances %d and maxPercent %s.%n",
                plan.interruptedIds().size(), plan.groupInstances().size(), plan.groupInstances().size() == 1 ? "" : "s",
                plan.interruptedPercent(), plan.maxInstances(), Planner.number(plan.maxPercent())));
        for (PlannedStep step : plan.steps()) {
            out.append("\nStep ").append(step.number()).append(": FIS experiment at ").append(fmt(step.start()))
                    .append(" (rebalance recommendation), interruption notice at ").append(fmt(step.noticeAt()))
                    .append(", interruption at ").append(fmt(step.interruptionAt())).append(", after the load starts\n");
            out.append("  instances: ").append(String.join(", ", step.instanceIds())).append('\n');
            out.append("  FIS CreateExperimentTemplate (then StartExperiment, GetExperiment until final, DeleteExperimentTemplate):\n");
            indent(step.template().toJson(), out);
        }
        load(plan, out);
        guards(plan, out);
        out.append("\nAt most ").append(fmt(plan.deadline())).append(" after the load starts; EC2 polled every ").append(fmt(plan.pollInterval()))
                .append(", recovery awaited up to ").append(fmt(plan.recoveryTimeout())).append(" after the last interruption.\n");
        if (!plan.notes().isEmpty()) {
            out.append("\nNotes:\n");
            plan.notes().forEach(n -> out.append("  - ").append(n).append('\n'));
        }
        return Redactor.redact(out.toString());
    }

    private static void targets(GamedayPlan plan, StringBuilder out) {
        out.append("\nTargets: ").append(plan.group().describe()).append(": ").append(plan.groupInstances().size()).append(" running, ")
                .append(plan.spotCandidates()).append(" of them Spot\n");
        Map<String, Integer> stepOf = new HashMap<>();
        plan.steps().forEach(s -> s.instanceIds().forEach(id -> stepOf.put(id, s.number())));
        for (Ec2Instance i : plan.groupInstances()) {
            out.append(String.format(Locale.ROOT, "  %-20s %-14s %-12s %-9s %s%n", i.instanceId(), i.instanceType(), i.availabilityZone(),
                    i.isSpot() ? "spot" : "on-demand", stepOf.containsKey(i.instanceId()) ? "<- step " + stepOf.get(i.instanceId()) : ""));
        }
    }

    private static void load(GamedayPlan plan, StringBuilder out) {
        if (!plan.drivesLoad()) {
            out.append("\nLoad: none driven by spotsim on AWS.\n");
            return;
        }
        List<String> ids = plan.loadGenerators().stream().map(Ec2Instance::instanceId).toList();
        out.append("\nLoad: SSM SendCommand ").append(LoadCommand.DOCUMENT).append(" to ").append(ids.size()).append(" generator")
                .append(ids.size() == 1 ? "" : "s").append(" (").append(plan.generatorSelector().describe()).append("), at most ")
                .append(LoadCommand.MAX_INSTANCE_IDS).append(" per call; invocations followed until final, CancelCommand on a stop:\n");
        for (List<String> batch : Batches.of(ids, LoadCommand.MAX_INSTANCE_IDS)) {
            indent(plan.loadCommand().toJson(batch), out);
        }
    }

    private static void guards(GamedayPlan plan, StringBuilder out) {
        out.append("\nStop conditions (a broken one stops the experiments and cancels the load):");
        if (plan.stopConditions().isEmpty() && plan.stopAlarms().isEmpty()) {
            out.append(" none besides Ctrl-C.\n");
            return;
        }
        out.append('\n');
        for (Slo guard : plan.stopConditions()) {
            out.append("  ").append(guard.key()).append(' ').append(guard.operator().symbol()).append(' ').append(guard.thresholdText())
                    .append(guard.metric() == Slo.Metric.HEALTHY_CAPACITY ? " (healthy targets in the group's target groups, ELBv2, against those healthy at the start;"
                            + " running instances in the group, EC2, without a target group)" : " (live requests)").append('\n');
        }
        plan.stopAlarms().forEach(a -> out.append("  CloudWatch alarm ").append(a).append(" (FIS stop condition)\n"));
    }

    private static void indent(String json, StringBuilder out) {
        json.lines().forEach(l -> out.append("    ").append(l).append('\n'));
    }

    private static String fmt(Duration d) {
        return Durations.format(d);
    }
}
