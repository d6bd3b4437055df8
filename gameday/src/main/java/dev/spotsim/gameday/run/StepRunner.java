package dev.spotsim.gameday.run;

import dev.spotsim.reports.record.TimelineEntry;
import dev.spotsim.reports.record.TimelineKind;
import dev.spotsim.gameday.ec2.Ec2Instance;
import dev.spotsim.gameday.ec2.Ec2Targets;
import dev.spotsim.gameday.ec2.TagSelector;
import dev.spotsim.gameday.fis.Experiment;
import dev.spotsim.gameday.fis.ExperimentStatus;
import dev.spotsim.gameday.fis.FisExperiments;
import dev.spotsim.gameday.fis.FisTemplate;
import dev.spotsim.gameday.plan.PlannedStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One planned step on FIS: when due, checks again that its instances are still running Spot Instances
 * of the group (the rest are left out, never swapped), creates the tagged template, starts the
 * experiment, follows its status, marks the notice and interruption times EC2 keeps, and can stop it
 * and delete the template.
 */
final class StepRunner {
    private final PlannedStep step;
    private final TagSelector group;
    private final String partition;
    private final String region;
    private final Ec2Targets ec2;
    private final FisExperiments fis;
    private final Consumer<TimelineEntry> timeline;

    private Instant startedAt;
    private List<String> instanceIds = List.of();
    private String templateId;
    private Experiment experiment;
    private boolean skipped;
    private boolean noticeMarked;
    private boolean interruptionMarked;

    StepRunner(PlannedStep step, TagSelector group, String partition, String region, Ec2Targets ec2, FisExperiments fis,
               Consumer<TimelineEntry> timeline) {
        this.step = step;
        this.group = group;
        this.partition = partition;
        this.region = region;
        this.ec2 = ec2;
        this.fis = fis;
        this.timeline = timeline;
    }

    boolean due(Instant loadStart, Instant now) {
        return startedAt == null && !skipped && !now.isBefore(loadStart.plus(step.start()));
    }

    /** Starts the experiment on whichever planned instances still qualify; skips the step when none do. */
    void start(Instant now) {
        List<Ec2Instance> still = ec2.stillTargetable(group, step.instanceIds());
        List<String> gone = step.instanceIds().stream().filter(id -> still.stream().noneMatch(i -> i.instanceId().equals(id))).toList();
        gone.forEach(id -> timeline.accept(new TimelineEntry(now, TimelineKind.STEP, id, "step " + step.number()
                + ": no longer a running Spot Instance of the group, left out")));
        if (still.isEmpty()) {
            skipped = true;
            timeline.accept(new TimelineEntry(now, TimelineKind.STEP, null, "step " + step.number() + ": skipped, none of its instances is still targetable"));
            return;
        }
        FisTemplate template = gone.isEmpty() ? step.template()
                : step.template().withInstances(still.stream().map(i -> i.arn(partition, region)).toList());
        templateId = fis.createTemplate(template);
        instanceIds = still.stream().map(Ec2Instance::instanceId).toList();
        experiment = fis.start(templateId, template.tags());
        startedAt = now;
        timeline.accept(new TimelineEntry(now, TimelineKind.EXPERIMENT, null, "step " + step.number() + ": " + experiment.id() + " from template "
                + templateId + " " + experiment.status().wireName() + ", durationBeforeInterruption " + step.durationBeforeInterruption()));
        // FIS: "Immediately after the action is initiated, the target instance receives an EC2 instance rebalance recommendation."
        // https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html#send-spot-instance-interruptions
        instanceIds.forEach(id -> timeline.accept(new TimelineEntry(now, TimelineKind.REBALANCE, id, "rebalance recommendation (sent by FIS as the action starts)")));
    }

    /** Polls the experiment once while it is not final; records status changes and the notice and interruption as they fall due. */
    void poll(Instant now) {
        if (experiment == null) {
            return;
        }
        if (!experiment.status().isFinal()) {
            Experiment latest = fis.get(experiment.id());
            if (latest.status() != experiment.status()) {
                timeline.accept(new TimelineEntry(now, TimelineKind.EXPERIMENT, null, "step " + step.number() + ": " + experiment.id() + " "
                        + experiment.status().wireName() + " -> " + latest.status().wireName() + (latest.reason() == null ? "" : " (" + latest.reason() + ")")));
            }
            experiment = latest;
        }
        markExpected(now);
    }

    /** EC2 does not report the notice to the API; its time follows from the experiment's start and is marked as expected. */
    private void markExpected(Instant now) {
        boolean stoppedEarly = experiment.status() == ExperimentStatus.STOPPING || experiment.status() == ExperimentStatus.STOPPED
                || experiment.status() == ExperimentStatus.FAILED || experiment.status() == ExperimentStatus.CANCELLED;
        Instant notice = startedAt.plus(step.durationBeforeInterruption()).minus(PlannedStep.NOTICE);
        if (!noticeMarked && !now.isBefore(notice) && !stoppedEarly) {
            noticeMarked = true;
            instanceIds.forEach(id -> timeline.accept(new TimelineEntry(notice, TimelineKind.NOTICE, id, "Spot interruption notice (expected: 2m before the interruption)")));
        }
        Instant interruption = interruptionAt();
        if (!interruptionMarked && !now.isBefore(interruption) && !stoppedEarly) {
            interruptionMarked = true;
            instanceIds.forEach(id -> timeline.accept(new TimelineEntry(interruption, TimelineKind.ACTION, id, "interruption (expected; EC2 states follow)")));
        }
    }

    /** Asks FIS to stop a running experiment. */
    void stop(Instant now, String why) {
        if (experiment != null && !experiment.status().isFinal() && experiment.status() != ExperimentStatus.STOPPING) {
            experiment = fis.stop(experiment.id());
            timeline.accept(new TimelineEntry(now, TimelineKind.EXPERIMENT, null, "step " + step.number() + ": StopExperiment " + experiment.id() + " (" + why + ")"));
        }
    }

    /** Deletes the template if one was created; returns a problem to report, or null. */
    String deleteTemplate(Instant now) {
        if (templateId == null) {
            return null;
        }
        try {
            boolean deleted = fis.deleteTemplate(templateId);
            timeline.accept(new TimelineEntry(now, TimelineKind.CLEANUP, null, "step " + step.number() + ": experiment template " + templateId
                    + (deleted ? " deleted" : " was already gone")));
            return null;
        } catch (RuntimeException e) {
            return "FIS experiment template " + templateId + " (step " + step.number() + ") was not deleted: " + e.getMessage()
                    + "; delete it with: aws fis delete-experiment-template --id " + templateId;
        }
    }

    boolean settled() {
        return skipped || (startedAt != null && experiment.status().isFinal());
    }

    boolean running() {
        return experiment != null && !experiment.status().isFinal();
    }

    boolean failed() {
        return experiment != null && (experiment.status() == ExperimentStatus.FAILED || experiment.status() == ExperimentStatus.CANCELLED);
    }

    /** Completed: its instances were interrupted, so recovery is awaited for them. */
    boolean interrupted() {
        return experiment != null && experiment.status() == ExperimentStatus.COMPLETED;
    }

    Instant interruptionAt() {
        return startedAt == null ? null : startedAt.plus(step.durationBeforeInterruption());
    }

    List<String> instanceIds() {
        return instanceIds;
    }

    String failure() {
        return "step " + step.number() + ": FIS experiment " + experiment.id() + " " + experiment.status().wireName()
                + (experiment.reason() == null ? "" : ": " + experiment.reason());
    }

    StepResult result() {
        return new StepResult(step.number(), skipped ? step.instanceIds() : instanceIds, templateId, experiment == null ? null : experiment.id(),
                experiment == null ? (skipped ? "skipped" : "not started") : experiment.status().wireName(),
                experiment == null ? null : experiment.reason(), startedAt, interruptionAt(), skipped);
    }

    static List<StepResult> results(List<StepRunner> runners) {
        List<StepResult> out = new ArrayList<>();
        runners.forEach(r -> out.add(r.result()));
        return out;
    }
}
