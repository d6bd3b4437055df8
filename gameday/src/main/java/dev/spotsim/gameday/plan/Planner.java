package dev.spotsim.gameday.plan;

import dev.spotsim.gameday.ec2.Ec2Instance;
import dev.spotsim.gameday.ec2.Ec2Targets;
import dev.spotsim.gameday.ec2.TagSelector;
import dev.spotsim.gameday.fis.FisTemplate;
import dev.spotsim.gameday.ssm.GatlingCommand;
import dev.spotsim.gameday.ssm.LoadCommand;
import dev.spotsim.gameday.ssm.SsmLoadDrivers;
import dev.spotsim.scenarios.model.GamedaySpec;
import dev.spotsim.scenarios.model.InterruptionSpec;
import dev.spotsim.scenarios.model.Scenario;
import dev.spotsim.scenarios.model.Slo;
import dev.spotsim.scenarios.select.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Turns a scenario into a {@link GamedayPlan} using read-only calls only (EC2 DescribeInstances, SSM
 * DescribeInstanceInformation), and refuses, naming the field, whatever real AWS cannot play or the
 * blast radius does not allow. Picks are the scenario's selection with its seed over the group's
 * running Spot Instances in launch order; later steps pick among instances earlier steps left.
 */
public final class Planner {
    /** Metrics a game day measures: capacity from EC2 polling, recovery from it, requests from load figures. */
    /** Time EC2 may take to take an interrupted instance down, budgeted into the run's deadline. */
    private static final Duration SHUTDOWN_ALLOWANCE = Duration.ofMinutes(2);

    private final Ec2Targets ec2;
    private final SsmLoadDrivers ssm;
    private final String partition;
    private final String region;

    public Planner(Ec2Targets ec2, SsmLoadDrivers ssm, String partition, String region) {
        this.ec2 = ec2;
        this.ssm = ssm;
        this.partition = partition;
        this.region = region;
    }

    /** The plan for {@code scenario}; throws {@link GamedayRefusal} when it must not run. */
    public GamedayPlan plan(Scenario scenario, PlanOptions options) {
        GamedaySpec g = scenario.gameday();
        if (g == null) {
            throw new GamedayRefusal("gameday: the scenario has no gameday section; add at least gameday.targets "
                    + "(tags and/or autoScalingGroup) to say which instances may be interrupted");
        }
        List<String> notes = new ArrayList<>();
        TagSelector group = new TagSelector(g.targets().tags(), g.targets().autoScalingGroup());
        List<Ec2Instance> running = ec2.running(group);
        if (running.isEmpty()) {
            throw new GamedayRefusal("gameday.targets: no running instance matches " + group.describe() + " in " + region);
        }
        List<Ec2Instance> spot = ec2.runningSpot(group);
        String roleArn = options.fisRoleArn() != null ? options.fisRoleArn() : g.fisRoleArn();
        if (!scenario.interruptions().isEmpty() && roleArn == null) {
            throw new GamedayRefusal("gameday.fisRoleArn: FIS needs an experiment role to interrupt instances; set it or pass --fis-role-arn "
                    + "(gameday/iam/fis-experiment-role-*.json describe the role)");
        }
        List<PlannedStep> steps = steps(scenario, options, roleArn, spot, notes);
        int maxInstances = options.maxInstances() != null ? options.maxInstances() : g.blastRadius().maxInstances();
        double maxPercent = options.maxPercent() != null ? options.maxPercent() : g.blastRadius().maxPercent();
        checkBlastRadius(steps, running.size(), maxInstances, maxPercent, options);

        List<Ec2Instance> generators = List.of();
        LoadCommand command = null;
        TagSelector generatorSelector = null;
        if (g.loadGenerators() != null) {
            generatorSelector = new TagSelector(g.loadGenerators().tags(), null);
            generators = generators(g.loadGenerators(), generatorSelector, steps, notes);
            command = new LoadCommand("spotsim " + scenario.name() + " " + options.runId(), loadLines(scenario, options, generators.size()),
                    g.loadGenerators().workingDirectory(), g.loadGenerators().executionTimeout(), g.loadGenerators().deliveryTimeout());
        } else if (scenario.load() != null) {
            notes.add("load: no gameday.loadGenerators, so spotsim drives no load on AWS; request figures come only from a load you run yourself");
        }
        List<Slo> guards = g.parsedStopConditions();
        for (Slo guard : guards) {
            if (guard.metric() == Slo.Metric.FAILED_REQUESTS && !options.liveRequests()) {
                throw new GamedayRefusal("gameday.stopConditions." + guard.key() + ": needs live request figures, and SSM load generators "
                        + "report theirs only when they finish; guard on healthyCapacity, or put a CloudWatch alarm in gameday.stopAlarms");
            }
        }
        noteUnobservableSlos(scenario, g, command != null || options.liveRequests(), notes);
        Duration loadDuration = scenario.load() == null ? Duration.ZERO : scenario.load().duration();
        Duration deadline = deadline(steps, loadDuration, scenario.recovery().timeout(), g, generators.isEmpty());
        return new GamedayPlan(options.runId(), scenario.name(), region, group, running, spot.size(), maxInstances, maxPercent, steps,
                generatorSelector, generators, command, guards, g.stopAlarms(), g.pollInterval(), scenario.recovery().timeout(),
                loadDuration, deadline, notes);
    }

    /** The generators' script: the scenario's own command, or spotsim load with the scenario's load section at each one's share. */
    private static List<String> loadLines(Scenario scenario, PlanOptions options, int generators) {
        GamedaySpec.LoadGenerators spec = scenario.gameday().loadGenerators();
        if (spec.gatling() == null) {
            return LoadCommand.lines(spec.command());
        }
        if (scenario.load() == null) {
            throw new GamedayRefusal("gameday.loadGenerators.gatling: the scenario has no load section for spotsim load to run");
        }
        String url = options.gatlingUrl() != null ? options.gatlingUrl() : spec.gatling().url();
        String launcher = options.gatlingLauncher() != null ? options.gatlingLauncher() : spec.gatling().launcher();
        return GatlingCommand.lines(scenario.load(), url, launcher, spec.gatling().install(), generators, options.runId());
    }

    private List<PlannedStep> steps(Scenario scenario, PlanOptions options, String roleArn, List<Ec2Instance> spot, List<String> notes) {
        List<PlannedStep> steps = new ArrayList<>();
        List<Ec2Instance> remaining = new ArrayList<>(spot);
        for (int i = 0; i < scenario.interruptions().size(); i++) {
            InterruptionSpec step = scenario.interruptions().get(i);
            String where = "interruptions[" + i + "]";
            Duration duration = fisDuration(step, where);
            Duration start = step.at().minus(step.rebalanceLead());
            if (start.isNegative()) {
                notes.add(where + ": the rebalance recommendation would come before the load starts; the experiment starts with the load, "
                        + "so the notice comes at " + fmt(duration.minus(PlannedStep.NOTICE)) + " instead of " + fmt(step.at()));
                start = Duration.ZERO;
            }
            if (step.action() != dev.spotsim.scenarios.model.InterruptionAction.TERMINATE) {
                notes.add(where + ".action: " + step.action() + " happens only if the instances were launched with that interruption behaviour; "
                        + "FIS cannot choose it");
            }
            List<Ec2Instance> picks;
            try {
                picks = Selector.pick(step.select(), remaining, s -> new Selector.Candidate(s.instanceId(), s.pool(), s.availabilityZone()),
                        scenario.seed());
            } catch (IllegalArgumentException e) {
                throw new GamedayRefusal(where + ".select." + e.getMessage() + " of the game day's targets");
            }
            if (picks.isEmpty()) {
                throw new GamedayRefusal(where + ".select: selects no running Spot Instance (" + remaining.size() + " left to pick from"
                        + (step.select().pool() != null ? ", none in pool " + step.select().pool() : "")
                        + (step.select().az() != null ? ", none in " + step.select().az() : "") + ")");
            }
            remaining.removeAll(picks);
            int number = i + 1;
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("Name", "spotsim-" + options.runId() + "-step-" + number);
            tags.put("spotsim:run-id", options.runId());
            tags.put("spotsim:scenario", scenario.name());
            tags.put("spotsim:step", Integer.toString(number));
            String description = "spotsim game day " + scenario.name() + ", run " + options.runId() + ", step " + number + ": interrupt "
                    + picks.stream().map(Ec2Instance::instanceId).collect(Collectors.joining(", "));
            FisTemplate template = new FisTemplate(description, picks.stream().map(p -> p.arn(partition, region)).toList(), duration, roleArn,
                    scenario.gameday().stopAlarms(), tags);
            steps.add(new PlannedStep(number, start, duration, step.action().wireName(), picks, template));
        }
        return steps;
    }

    /** FIS plays a fixed 2-minute notice after a rebalance lead: durationBeforeInterruption = rebalanceLead + 2m, within PT2M..PT15M. */
    private static Duration fisDuration(InterruptionSpec step, String where) {
        if (step.reclaim() != null) {
            throw new GamedayRefusal(where + ".reclaim: a pool's Spot capacity is AWS's to take back, not a game day's; "
                    + "use select: {all: true, from: {pool: " + step.reclaim().pool() + "}} to interrupt every instance in it");
        }
        if (!step.notice().equals(PlannedStep.NOTICE)) {
            throw new GamedayRefusal(where + ".notice: EC2 always gives 2m between the interruption notice and the interruption, got "
                    + fmt(step.notice()) + "; set notice: 2m (or drop it) and use rebalanceLead for an earlier warning");
        }
        Duration duration = step.rebalanceLead().plus(PlannedStep.NOTICE);
        if (duration.compareTo(FisTemplate.MAX_DURATION) > 0) {
            throw new GamedayRefusal(where + ".rebalanceLead: FIS allows at most 13m between the rebalance recommendation and the notice "
                    + "(durationBeforeInterruption PT15M), got " + fmt(step.rebalanceLead()));
        }
        return duration;
    }

    private static void checkBlastRadius(List<PlannedStep> steps, int groupSize, int maxInstances, double maxPercent, PlanOptions options) {
        List<String> ids = steps.stream().flatMap(s -> s.instanceIds().stream()).toList();
        String which = ids.size() + " instance" + (ids.size() == 1 ? "" : "s") + " (" + String.join(", ", ids) + ")";
        if (ids.size() > maxInstances) {
            throw new GamedayRefusal("blast radius: the scenario interrupts " + which + ", above maxInstances " + maxInstances
                    + (options.maxInstances() != null ? " (--max-instances)" : " (gameday.blastRadius.maxInstances)"));
        }
        double percent = ids.size() * 100.0 / groupSize;
        if (percent > maxPercent) {
            throw new GamedayRefusal(String.format(java.util.Locale.ROOT, "blast radius: the scenario interrupts %s of the group's %d running "
                    + "instances (%.1f%%), above maxPercent %s%s", which, groupSize, percent, number(maxPercent),
                    options.maxPercent() != null ? " (--max-percent)" : " (gameday.blastRadius.maxPercent)"));
        }
    }

    private List<Ec2Instance> generators(GamedaySpec.LoadGenerators spec, TagSelector selector, List<PlannedStep> steps, List<String> notes) {
        List<Ec2Instance> found = ec2.running(selector);
        if (found.isEmpty()) {
            throw new GamedayRefusal("gameday.loadGenerators.tags: no running instance matches " + selector.describe());
        }
        if (spec.count() != null && found.size() < spec.count()) {
            throw new GamedayRefusal("gameday.loadGenerators.count: asks for " + spec.count() + " generators, " + found.size()
                    + " running instance" + (found.size() == 1 ? "" : "s") + " match " + selector.describe());
        }
        List<Ec2Instance> generators = spec.count() == null ? found : found.subList(0, spec.count());
        Set<String> interrupted = steps.stream().flatMap(s -> s.instanceIds().stream()).collect(Collectors.toSet());
        List<String> both = generators.stream().map(Ec2Instance::instanceId).filter(interrupted::contains).toList();
        if (!both.isEmpty()) {
            throw new GamedayRefusal("gameday.loadGenerators: " + String.join(", ", both) + " would drive load and be interrupted; "
                    + "give load generators tags the targets do not have");
        }
        checkManaged(generators.stream().map(Ec2Instance::instanceId).toList(), notes);
        return generators;
    }

    /** SendCommand fails for instances SSM does not manage; better to say so before anything starts. */
    private void checkManaged(List<String> ids, List<String> notes) {
        Map<String, String> ping;
        try {
            ping = ssm.pingStatus(ids);
        } catch (AwsServiceException e) {
            notes.add("loadGenerators: could not ask SSM whether the generators are managed nodes (" + e.awsErrorDetails().errorCode()
                    + "); SendCommand will tell");
            return;
        }
        List<String> offline = ids.stream().filter(id -> !"Online".equals(ping.get(id)))
                .map(id -> id + " (" + (ping.containsKey(id) ? ping.get(id) : "not a managed node") + ")").toList();
        if (!offline.isEmpty()) {
            throw new GamedayRefusal("gameday.loadGenerators: SSM cannot run commands on " + String.join(", ", offline)
                    + "; the SSM agent must be online with an instance profile allowing Systems Manager");
        }
    }

    private static void noteUnobservableSlos(Scenario scenario, GamedaySpec g, boolean requestFigures, List<String> notes) {
        boolean own = !g.slos().isEmpty();
        Map<String, String> slos = own ? g.slos() : scenario.slos();
        String section = own ? "gameday.slos." : "slos.";
        boolean figures = (g.loadGenerators() != null && g.loadGenerators().gatling() != null);
        boolean drain = g.targets().autoScalingGroup() != null || g.drain().ecsCluster() != null || !g.drain().targetGroupArns().isEmpty();
        for (String key : new java.util.TreeSet<>(slos.keySet())) {
            String why = unobservable(Slo.parse(key, slos.get(key)), requestFigures, figures, drain);
            if (why != null) {
                notes.add(section + key + ": a game day cannot measure this (" + why + "), so it reads no data and breaks"
                        + (own ? "" : "; list what a game day can measure in gameday.slos"));
            }
        }
    }

    /** Why this game day has no figure for {@code slo}, or null when it will have one. */
    private static String unobservable(Slo slo, boolean requestFigures, boolean figures, boolean drain) {
        if (slo.phase() != null && !figures) {
            return "per-phase figures need spotsim load on the generators: gameday.loadGenerators.gatling";
        }
        return switch (slo.metric()) {
            case HEALTHY_CAPACITY, RECOVERY_TIME -> null;
            case FAILED_REQUESTS -> requestFigures ? null : "no request figures: no load generators";
            case LATENCY -> figures ? null : "latency needs spotsim load on the generators: gameday.loadGenerators.gatling";
            case DRAIN_TIME, DETECTION_LATENCY, KILLED_WORKLOADS -> drain ? null
                    : "drain is read from the group's target groups, gameday.drain.ecsCluster or gameday.drain.targetGroupArns: none given";
        };
    }

    /** The longest the run may take: the load or the last interruption plus recovery, whichever ends later, with margin. */
    private static Duration deadline(List<PlannedStep> steps, Duration load, Duration recovery, GamedaySpec g, boolean noGenerators) {
        Duration lastInterruption = steps.stream().map(PlannedStep::interruptionAt).max(Duration::compareTo).orElse(Duration.ZERO);
        Duration end = max(load, lastInterruption.plus(SHUTDOWN_ALLOWANCE).plus(recovery));
        if (!noGenerators) {
            end = max(end, g.loadGenerators().executionTimeout());
        }
        return end.plus(g.pollInterval().multipliedBy(3)).plus(Duration.ofMinutes(1));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static String fmt(Duration d) {
        return dev.spotsim.scenarios.time.Durations.format(d);
    }

    static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
