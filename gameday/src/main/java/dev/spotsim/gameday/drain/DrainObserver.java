package dev.spotsim.gameday.drain;

import dev.spotsim.reports.record.TimelineEntry;
import dev.spotsim.reports.record.TimelineKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Measures drain on AWS from outside the instances, with read-only calls at each poll: Auto Scaling
 * lifecycle states of the interrupted instances, target health in their target groups, and their ECS
 * tasks. Per workload (an ECS task, or a target when there is no cluster) it keeps the first time each
 * step was seen; an event from the queue ({@link #event}) replaces a poll time with the exact one.
 * Killed: a task that exited 137 (SIGKILL: it outlived its stop timeout) or stopped at or after the
 * interruption, or a workload still up when its instance left running.
 */
public final class DrainObserver {
    /** Exit code of a process ended by SIGKILL (128 + 9), what ECS reports when the stop timeout ran out. */
    static final int SIGKILL_EXIT = 137;

    private final DrainSources sources;
    private final TargetReader targets;
    private final EcsReader ecs;
    private final Function<String, String> ec2State;
    private final Consumer<TimelineEntry> timeline;
    private final List<String> targetGroups = new ArrayList<>();
    private final Map<String, Watched> watched = new LinkedHashMap<>();
    private final Map<String, TaskView> tasks = new LinkedHashMap<>();
    private List<TaskView> baseline = List.of();
    /** Target group ARN -> (target "id:port" -> state) at the last poll. */
    private final Map<String, Map<String, String>> health = new LinkedHashMap<>();

    /** {@code ec2State}: an instance's EC2 state at the last poll (null when gone). */
    public DrainObserver(DrainSources sources, TargetReader targets, EcsReader ecs, Function<String, String> ec2State,
                         Consumer<TimelineEntry> timeline) {
        this.sources = sources;
        this.targets = targets;
        this.ecs = ecs;
        this.ec2State = ec2State;
        this.timeline = timeline;
    }

    /** One interrupted instance: its expected (or evented) notice and action, and what was seen of it. */
    private static final class Watched {
        final String instanceId;
        Instant notice;
        Instant action;
        Instant lifecycle;
        Instant instanceDeregistered;
        Instant left;
        final Map<String, Instant> targetDrained = new LinkedHashMap<>();
        final Map<String, Instant> targetGone = new LinkedHashMap<>();
        /** Target group -> targets of this instance seen registered: one that vanishes unseen draining left between polls. */
        final Map<String, Set<String>> targetSeen = new LinkedHashMap<>();
        final Set<String> taskArns = new LinkedHashSet<>();

        Watched(String instanceId) {
            this.instanceId = instanceId;
        }
    }

    /** Resolves the target groups and notes which tasks run where, before anything is interrupted. */
    public void start() {
        if (sources.autoScalingGroup() != null && targets != null) {
            targetGroups.addAll(targets.targetGroupsOf(sources.autoScalingGroup()));
        }
        sources.targetGroupArns().stream().filter(a -> !targetGroups.contains(a)).forEach(targetGroups::add);
        if (ecs != null) {
            baseline = ecs.running();
        }
    }

    /** The target groups read at each poll. */
    public List<String> targetGroups() {
        return List.copyOf(targetGroups);
    }

    /** Starts watching instances a step interrupts; {@code notice} and {@code action} are expected times until an event says better. */
    public void watch(List<String> instanceIds, Instant notice, Instant action) {
        for (String id : instanceIds) {
            Watched w = watched.computeIfAbsent(id, Watched::new);
            w.notice = notice;
            w.action = action;
            baseline.stream().filter(t -> id.equals(t.instanceId())).forEach(t -> {
                w.taskArns.add(t.taskArn());
                tasks.putIfAbsent(t.taskArn(), t);
            });
            seen(w, health);
        }
    }

    /** Notes the instance's targets listed in {@code byGroup} (the last poll's read, when watching starts). */
    private void seen(Watched w, Map<String, Map<String, String>> byGroup) {
        Set<String> ids = idsOf(w);
        byGroup.forEach((tg, states) -> states.keySet().stream().filter(key -> ids.contains(key.substring(0, key.lastIndexOf(':'))))
                .forEach(key -> w.targetSeen.computeIfAbsent(tg, k -> new LinkedHashSet<>()).add(key)));
    }

    /** The notice EventBridge delivered for {@code instanceId}: its exact time. */
    public void noticeAt(String instanceId, Instant at) {
        Watched w = watched.get(instanceId);
        if (w != null) {
            w.notice = at;
        }
    }

    /** The terminate lifecycle action EventBridge delivered for {@code instanceId}: its exact time, when earlier than a poll saw it. */
    public void lifecycleAt(String instanceId, Instant at) {
        Watched w = watched.get(instanceId);
        if (w != null && (w.lifecycle == null || at.isBefore(w.lifecycle))) {
            w.lifecycle = at;
        }
    }

    /**
     * Reads target health (every poll: it is also the healthy capacity a stop condition watches), then, while
     * an interrupted workload is still open, lifecycle states and tasks; records what changed.
     */
    public void poll(Instant now) {
        for (String tg : targets == null ? List.<String>of() : targetGroups) {
            health.put(tg, targets.health(tg));
        }
        List<Watched> open = watched.values().stream().filter(w -> w.left == null || !allTasksStopped(w)).toList();
        if (open.isEmpty()) {
            return;
        }
        readLifecycle(open, now);
        readTargets(open, now);
        readTasks(now);
        for (Watched w : open) {
            String state = ec2State.apply(w.instanceId);
            if (w.left == null && (state == null || !"running".equals(state))) {
                w.left = now;
            }
        }
    }

    private void readLifecycle(List<Watched> open, Instant now) {
        if (sources.autoScalingGroup() == null || targets == null) {
            return;
        }
        Map<String, String> states = targets.lifecycleStates(open.stream().map(w -> w.instanceId).toList());
        for (Watched w : open) {
            String s = states.get(w.instanceId);
            if (w.lifecycle == null && s != null && s.startsWith("Terminating")) {
                w.lifecycle = now;
                timeline.accept(new TimelineEntry(now, TimelineKind.LIFECYCLE, w.instanceId, "Auto Scaling lifecycle state " + s));
            }
        }
    }

    /**
     * Targets in state {@code healthy} across the target groups at the last poll (what ALB's HealthyHostCount
     * shows); null when no target group is read. https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html
     */
    public Integer healthyTargets() {
        if (targetGroups.isEmpty() || health.isEmpty()) {
            return null;
        }
        return (int) health.values().stream().flatMap(m -> m.values().stream()).filter("healthy"::equals).count();
    }

    private void readTargets(List<Watched> open, Instant now) {
        for (String tg : targetGroups) {
            Map<String, String> health = this.health.getOrDefault(tg, Map.of());
            for (Watched w : open) {
                Set<String> ids = idsOf(w);
                for (Map.Entry<String, String> t : health.entrySet()) {
                    String id = t.getKey().substring(0, t.getKey().lastIndexOf(':'));
                    if (!ids.contains(id)) {
                        continue;
                    }
                    w.targetSeen.computeIfAbsent(tg, k -> new LinkedHashSet<>()).add(t.getKey());
                    if (!"healthy".equals(t.getValue()) && !"initial".equals(t.getValue()) && w.targetDrained.putIfAbsent(t.getKey(), now) == null) {
                        deregistered(w, now, t.getKey() + " " + t.getValue());
                    }
                }
                // A whole deregistration (draining, then removed) can fit between two polls when the delay is short
                // or a poll is late: the target was deregistered by the poll that no longer lists it.
                for (String key : w.targetSeen.getOrDefault(tg, Set.of())) {
                    if (!health.containsKey(key) && w.targetDrained.putIfAbsent(key, now) == null) {
                        deregistered(w, now, key + " left " + shortName(tg) + " between two polls (its draining was not seen)");
                    }
                }
                // A target seen before that is no longer listed has finished deregistering.
                for (String key : w.targetDrained.keySet()) {
                    if (!health.containsKey(key) && w.targetGone.putIfAbsent(key, now) == null) {
                        timeline.accept(new TimelineEntry(now, TimelineKind.DEREGISTERED, w.instanceId, key + " no longer in " + shortName(tg)));
                    }
                }
            }
        }
    }

    private void deregistered(Watched w, Instant now, String what) {
        if (w.instanceDeregistered == null) {
            w.instanceDeregistered = now;
        }
        timeline.accept(new TimelineEntry(now, TimelineKind.DEREGISTERED, w.instanceId, "target " + what));
    }

    private Set<String> idsOf(Watched w) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(w.instanceId);
        w.taskArns.forEach(arn -> ids.addAll(tasks.get(arn).privateIps()));
        return ids;
    }

    private void readTasks(Instant now) {
        if (ecs == null || tasks.isEmpty()) {
            return;
        }
        List<String> open = tasks.values().stream().filter(t -> !t.stopped()).map(TaskView::taskArn).toList();
        if (open.isEmpty()) {
            return;
        }
        for (TaskView seen : ecs.describe(open)) {
            TaskView before = tasks.put(seen.taskArn(), withInstance(seen, tasks.get(seen.taskArn())));
            if (before != null && before.stoppingAt() == null && seen.stoppingAt() != null) {
                timeline.accept(new TimelineEntry(seen.stoppingAt(), TimelineKind.SIGTERM, before.instanceId(), "task " + seen.taskId() + " stopping"));
            }
            if (before != null && !before.stopped() && seen.stopped()) {
                boolean killed = killed(seen, watched.get(before.instanceId()));
                timeline.accept(new TimelineEntry(seen.stoppedAt() != null ? seen.stoppedAt() : now, killed ? "kill" : "exit", before.instanceId(),
                        "task " + seen.taskId() + " stopped" + (seen.exitCode() == null ? "" : ", exit " + seen.exitCode())
                                + (seen.stoppedReason() == null ? "" : ": " + seen.stoppedReason())));
            }
        }
    }

    /** A task that moved keeps the instance it was watched on. */
    private static TaskView withInstance(TaskView seen, TaskView before) {
        if (before == null || seen.instanceId() != null) {
            return seen;
        }
        return new TaskView(seen.taskArn(), before.instanceId(), seen.lastStatus(), seen.stoppingAt(), seen.stoppedAt(), seen.stopCode(),
                seen.stoppedReason(), seen.exitCode(), seen.privateIps().isEmpty() ? before.privateIps() : seen.privateIps());
    }

    private boolean allTasksStopped(Watched w) {
        return w.taskArns.stream().allMatch(arn -> tasks.get(arn).stopped());
    }

    private static boolean killed(TaskView t, Watched w) {
        boolean sigkill = t.exitCode() != null && t.exitCode() == SIGKILL_EXIT;
        boolean atAction = w != null && w.action != null && t.stoppedAt() != null && !t.stoppedAt().isBefore(w.action);
        return sigkill || atAction;
    }

    /** Every watched workload: its tasks when the cluster is read, else its targets. */
    public List<WorkloadObservation> observations() {
        List<WorkloadObservation> out = new ArrayList<>();
        for (Watched w : watched.values()) {
            Instant detected = earliest(w.lifecycle, w.instanceDeregistered,
                    w.taskArns.stream().map(a -> tasks.get(a).stoppingAt()).filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(null));
            if (ecs != null) {
                for (String arn : w.taskArns) {
                    TaskView t = tasks.get(arn);
                    boolean killed = t.stopped() ? killed(t, w) : w.left != null;
                    Instant killedAt = !killed ? null : t.stopped() && t.stoppedAt() != null ? t.stoppedAt() : w.action;
                    out.add(new WorkloadObservation(t.taskId(), w.instanceId, "ecs-task", w.notice, detected, deregisteredOf(w, t),
                            t.stoppingAt(), killed || !t.stopped() ? null : t.stoppedAt(), killedAt, t.exitCode()));
                }
            } else {
                for (String target : w.targetDrained.keySet().isEmpty() ? List.of(w.instanceId) : w.targetDrained.keySet()) {
                    Instant gone = w.targetGone.get(target);
                    boolean killed = w.left != null && (gone == null || gone.isAfter(w.left));
                    out.add(new WorkloadObservation(target, w.instanceId, "target", w.notice, detected, w.targetDrained.get(target), null,
                            killed ? null : gone, killed ? w.action : null, null));
                }
            }
        }
        return out;
    }

    private Instant deregisteredOf(Watched w, TaskView t) {
        return t.privateIps().stream().flatMap(ip -> w.targetDrained.entrySet().stream().filter(e -> e.getKey().startsWith(ip + ":")))
                .map(Map.Entry::getValue).min(Instant::compareTo).orElse(w.instanceDeregistered);
    }

    private static Instant earliest(Instant... instants) {
        Instant min = null;
        for (Instant i : instants) {
            if (i != null && (min == null || i.isBefore(min))) {
                min = i;
            }
        }
        return min;
    }

    private static String shortName(String targetGroupArn) {
        int i = targetGroupArn.indexOf("targetgroup/");
        return i < 0 ? targetGroupArn : targetGroupArn.substring(i);
    }
}
