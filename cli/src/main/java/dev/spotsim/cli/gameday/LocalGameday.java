package dev.spotsim.cli.gameday;

import dev.spotsim.scenarios.model.GamedaySpec;
import dev.spotsim.scenarios.model.Lane;
import dev.spotsim.scenarios.model.Scenario;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.fleet.GroupSpec;
import dev.spotsim.simulator.instance.InstanceIdentity;
import dev.spotsim.simulator.instance.MetadataOptions;
import dev.spotsim.simulator.platform.Platform;
import dev.spotsim.simulator.platform.PlatformSettings;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The simulator a {@code --local} game day plays against: the scenario's fleet (its Auto Scaling
 * group), the workload on it behind the balancer, and the load generators as On-Demand instances
 * carrying the generators' tags. Every AWS client then points at the control port's root; nothing
 * else differs from a game day on AWS, except that the generators run this machine's spotsim
 * ({@link #launcher()}) against the balancer. Closing it stops everything it started.
 */
final class LocalGameday implements AutoCloseable {
    /** Generated identities of generators start here, far from the group's own counter. */
    private static final int GENERATOR_INDEX = 4000;
    static final String GENERATOR_TYPE = "c5.xlarge";
    /** The ECS cluster name the simulated platform reports when the scenario's drain section names none. */
    static final String DEFAULT_CLUSTER = "spotsim";

    private final SpotSim sim;

    private LocalGameday(SpotSim sim) {
        this.sim = sim;
    }

    /**
     * Starts the fleet and the workload, waits (bounded by {@code startTimeout}) for every task to be
     * healthy behind the balancer, then launches the generators; throws when the workload never gets healthy.
     */
    static LocalGameday start(Scenario scenario, Path runDir, Path workingDir, Duration startTimeout) {
        GamedaySpec g = scenario.gameday();
        if (!g.targets().tags().isEmpty() || g.targets().autoScalingGroup() == null
                || !g.targets().autoScalingGroup().equals(scenario.fleet().group().name())) {
            throw new IllegalArgumentException("gameday.targets: --local plays against the scenario's fleet, whose instances carry only "
                    + "the group's aws:autoscaling:groupName tag; use targets: {autoScalingGroup: " + scenario.fleet().group().name() + "}");
        }
        MetadataOptions options = new MetadataOptions(scenario.fleet().imdsv2() == dev.spotsim.scenarios.model.HttpTokens.REQUIRED, true, false);
        SpotSim sim = SpotSim.builder().group(GroupSpec.from(scenario.fleet())).imdsPort(0).controlPort(0).metadataOptions(options)
                .eventJournal(runDir.resolve("events.jsonl")).start();
        try {
            int desired = scenario.fleet().group().desired() * scenario.workload().tasksPerInstance();
            String cluster = g.drain().ecsCluster() != null ? g.drain().ecsCluster() : DEFAULT_CLUSTER;
            Platform platform = sim.runWorkload(new PlatformSettings(scenario.workload(), desired, runDir.resolve("logs"), workingDir, cluster),
                    scenario.loadBalancer(), 0);
            awaitHealthy(platform, desired, startTimeout, runDir);
            if (g.loadGenerators() != null) {
                launchGenerators(sim, g.loadGenerators(), scenario, options);
            }
            return new LocalGameday(sim);
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
    }

    private static void awaitHealthy(Platform platform, int desired, Duration timeout, Path runDir) {
        Instant deadline = Instant.now().plus(timeout);
        boolean batch = platform == null;
        while (!batch && platform.healthyCapacity() < desired) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the workload never became healthy: " + platform.healthyCapacity() + " of " + desired
                        + " healthy after " + timeout.toSeconds() + "s (logs in " + runDir.resolve("logs") + ")");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the workload started");
            }
        }
    }

    /** The generators: On-Demand, outside the group, tagged as the scenario's gameday.loadGenerators.tags select them. */
    private static void launchGenerators(SpotSim sim, GamedaySpec.LoadGenerators spec, Scenario scenario, MetadataOptions options) {
        int count = spec.count() != null ? spec.count() : 2;
        String az = scenario.fleet().pools().get(0).az();
        for (int i = 0; i < count; i++) {
            InstanceIdentity base = InstanceIdentity.generated(GENERATOR_INDEX + i, GENERATOR_TYPE, az, "on-demand");
            Map<String, String> tags = new LinkedHashMap<>(spec.tags());
            tags.put("Name", "spotsim-loadgen-" + (i + 1));
            sim.fleet().launch(new InstanceIdentity(base.instanceId(), base.instanceType(), base.availabilityZone(), base.region(),
                    base.lifecycle(), base.amiId(), base.accountId(), base.privateIpv4(), base.publicIpv4(), base.mac(), base.vpcId(),
                    base.subnetId(), base.securityGroups(), base.iamRole(), null, tags, base.userData()), options);
        }
    }

    /** The root every AWS client of the game day goes to: the control port's, where the simulator answers the AWS APIs. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + sim.controlPort());
    }

    /** The region of the simulated fleet. */
    String region() {
        return sim.instances().get(0).identity().region();
    }

    /** What the generators load: the balancer in front of the workload. */
    String balancerUrl() {
        return sim.balancerUrl();
    }

    /**
     * The target group of the simulator's balancer (as ELBv2 shows it): on AWS an ECS service's target group is the
     * service's, not the Auto Scaling group's, so game day reads it from gameday.drain.targetGroupArns; locally it is this one.
     */
    List<String> targetGroupArns() {
        dev.spotsim.simulator.platform.Platform platform = sim.platform();
        if (platform == null || platform.balancer() == null) {
            return List.of();
        }
        return List.of(dev.spotsim.simulator.aws.elb.ElbService.targetGroupArn(region(), sim.instances().get(0).identity().accountId(),
                platform.cluster()));
    }

    /** The ECS cluster the platform reports. */
    static String cluster(Scenario scenario) {
        String named = scenario.gameday().drain().ecsCluster();
        return named != null ? named : DEFAULT_CLUSTER;
    }

    static boolean hasEcsTasks(Scenario scenario) {
        Lane lane = scenario.workload().lane();
        return lane == Lane.ECS_EC2 || lane == Lane.FARGATE_SPOT;
    }

    /**
     * How a simulated generator starts spotsim: this JVM's java, with this JVM's class path (the spotsim
     * jar, or the build's classes), Gatling's --add-opens and a preferences root in the temporary directory
     * (Gatling's version check writes there, never in the home folder).
     */
    static String launcher() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                .map(p -> Path.of(p).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
        List<String> words = new ArrayList<>(List.of(java, "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-Djava.util.prefs.userRoot=" + Path.of(System.getProperty("java.io.tmpdir"), "spotsim-prefs"), "-cp", classPath,
                "dev.spotsim.cli.SpotsimCommand"));
        return words.stream().map(LocalGameday::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String word) {
        return word.matches("[A-Za-z0-9_./=:,+@%-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    @Override
    public void close() {
        sim.close();
    }
}
