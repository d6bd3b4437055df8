package dev.spotsim.cli.serve;

import dev.spotsim.cli.client.DurationConverter;
import dev.spotsim.scenarios.model.FleetSpec;
import dev.spotsim.scenarios.parse.StructuredReader;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.fleet.AllocationStrategy;
import dev.spotsim.simulator.fleet.FleetSettings;
import dev.spotsim.simulator.fleet.GroupSpec;
import dev.spotsim.simulator.fleet.SpotPool;
import dev.spotsim.simulator.instance.InstanceIdentity;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.instance.MetadataOptions;
import dev.spotsim.simulator.events.SinkConfig;
import dev.spotsim.simulator.platform.PlatformSettings;
import dev.spotsim.scenarios.model.LoadBalancerSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spotsim serve}: the fake IMDS (one port per instance) and the control API, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve a fake EC2 instance metadata service and the control API, until Ctrl-C.",
                "Each simulated instance gets its own IMDS port, so an unmodified client sees exactly one instance.",
                "Precedence: flags, then the --config file, then SPOTSIM_* environment variables, then defaults."})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "PORT", description = "First IMDS port; more instances use the next ones (env SPOTSIM_PORT; default 1338).")
    Integer port;

    @Option(names = "--control-port", paramLabel = "PORT", description = "Control API port (env SPOTSIM_CONTROL_PORT; default 1337).")
    Integer controlPort;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to bind (env SPOTSIM_HOST; default 127.0.0.1).")
    String host;

    @Option(names = "--imdsv2", paramLabel = "required|optional", description = "required: IMDSv2 tokens only (env SPOTSIM_IMDSV2; default optional).")
    String imdsv2;

    @Option(names = "--instances", paramLabel = "N", description = "Serve N generated instances on consecutive ports (default 1).")
    Integer instances;

    @Option(names = "--instance-id", paramLabel = "ID", description = "The instance id, e.g. i-0123456789abcdef0 (one instance only).")
    String instanceId;

    @Option(names = "--instance-type", paramLabel = "TYPE", description = "Instance type (default c5.large).")
    String instanceType;

    @Option(names = "--az", paramLabel = "ZONE", description = "Availability zone (default us-east-1a).")
    String availabilityZone;

    @Option(names = "--region", paramLabel = "REGION", description = "Region; must contain --az (default: from --az, or AWS_REGION when it matches).")
    String region;

    @Option(names = "--lifecycle", paramLabel = "spot|on-demand", description = "instance-life-cycle (default spot).")
    String lifecycle;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "An instance tag (repeatable).")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--tags-in-metadata", description = "Serve tags under meta-data/tags/instance/.")
    Boolean tagsInMetadata;

    @Option(names = "--user-data", paramLabel = "TEXT|@FILE", description = "User data, or @path to read it from a file.")
    String userData;

    @Option(names = "--shutdown", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long shutting-down / stopping lasts (default 5s).")
    Duration shutdown;

    @Option(names = "--events-journal", paramLabel = "FILE",
            description = "Append every event here before any sink gets it (default spotsim-out/events.jsonl).")
    Path eventsJournal;

    @Option(names = "--webhook", paramLabel = "URL", description = "POST every event to this URL, at least once, with retries (repeatable).")
    List<String> webhooks = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON: host, port, controlPort, imdsv2, tagsInMetadata, instances, count or fleet.")
    Path config;

    @Spec
    CommandSpec spec;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile SpotSim running;

    @Override
    public Integer call() throws InterruptedException {
        SpotSim sim = start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "spotsim-serve-shutdown"));
        stopped.await();
        return 0;
    }

    /** Starts the simulator and prints where everything is; nothing is started when the input is bad. */
    public SpotSim start() {
        ServeConfig file = config == null ? ServeConfig.empty() : new StructuredReader().read(config, ServeConfig.class);
        Map<String, String> env = System.getenv();
        String bindHost = first(host, file.host(), env.get("SPOTSIM_HOST"), "127.0.0.1");
        int imdsPort = portOf("--port", first(port, file.port(), envInt(env, "SPOTSIM_PORT"), 1338));
        int apiPort = portOf("--control-port", first(controlPort, file.controlPort(), envInt(env, "SPOTSIM_CONTROL_PORT"), 1337));
        String tokens = first(imdsv2, file.imdsv2(), env.get("SPOTSIM_IMDSV2"), "optional");
        if (!tokens.equals("required") && !tokens.equals("optional")) {
            throw new IllegalArgumentException("--imdsv2: expected required or optional, got \"" + tokens + "\"");
        }
        boolean tagsServed = first(tagsInMetadata, file.tagsInMetadata(), false);
        SpotSim.Builder builder = SpotSim.builder().host(bindHost).imdsPort(imdsPort).controlPort(apiPort)
                .metadataOptions(new MetadataOptions(tokens.equals("required"), true, tagsServed))
                .settings(new FleetSettings(first(shutdown, file.shutdownDuration(), Duration.ofSeconds(5)), Duration.ZERO))
                .eventJournal(first(eventsJournal, file.eventsJournal() == null ? null : Path.of(file.eventsJournal()), Path.of("spotsim-out", "events.jsonl")));
        List<SinkConfig> sinks = new ArrayList<>(file.sinks());
        webhooks.forEach(url -> sinks.add(new SinkConfig("webhook-" + (sinks.size() + 1), "webhook", url, null, null, null, null, null)));
        builder.eventSinks(sinks);
        if (file.fleet() != null && instances == null && instanceId == null) {
            builder.group(group(file.fleet()));
        } else {
            identities(file, env).forEach(builder::instance);
        }
        try {
            running = builder.start();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(bindFailure(e, bindHost, imdsPort, apiPort), e);
        }
        if (file.workload() != null) {
            runWorkload(file);
        }
        banner(running, spec.commandLine().getOut());
        return running;
    }

    private void runWorkload(ServeConfig file) {
        int instancesNow = running.instances().size();
        int desired = (file.fleet() != null ? file.fleet().group().desired() : instancesNow) * file.workload().tasksPerInstance();
        LoadBalancerSpec lb = file.loadBalancer() == null ? LoadBalancerSpec.defaults() : file.loadBalancer();
        try {
            running.runWorkload(new PlatformSettings(file.workload(), desired, Path.of("spotsim-out", "logs"), Path.of("").toAbsolutePath(), "spotsim"),
                    lb, first(file.balancerPort(), 0));
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** Stops the simulator (Ctrl-C, or a test); returns once its ports are free. */
    public void stop() {
        SpotSim sim = running;
        running = null;
        if (sim != null) {
            sim.close();
        }
        stopped.countDown();
    }

    private List<InstanceIdentity> identities(ServeConfig file, Map<String, String> env) {
        if (instanceId != null && instances != null && instances > 1) {
            throw new IllegalArgumentException("--instance-id names one instance; it cannot be combined with --instances " + instances);
        }
        List<InstanceIdentity> out = new ArrayList<>();
        if (!file.instances().isEmpty() && instances == null) {
            for (int i = 0; i < file.instances().size(); i++) {
                ServeConfig.Instance d = file.instances().get(i);
                out.add(identity(i, d.instanceId(), d.instanceType(), d.availabilityZone(), d.lifecycle(), d.tags(), d.userData(), env));
            }
            return out;
        }
        int n = first(instances, file.count(), 1);
        if (n < 1 || n > 10_000) {
            throw new IllegalArgumentException("--instances: expected 1..10000, got " + n);
        }
        for (int i = 0; i < n; i++) {
            out.add(identity(i, n == 1 ? instanceId : null, null, null, null, null, null, env));
        }
        return out;
    }

    private InstanceIdentity identity(int index, String id, String type, String az, String life, Map<String, String> fileTags,
                                      String fileUserData, Map<String, String> env) {
        String zone = first(availabilityZone, az, "us-east-1a");
        String regionName = first(region, null, null, zone.substring(0, zone.length() - 1));
        String envRegion = env.get("AWS_REGION");
        if (region == null && envRegion != null && !envRegion.isBlank() && !zone.startsWith(envRegion)) {
            throw new IllegalArgumentException("AWS_REGION is " + envRegion + " but the availability zone is " + zone
                    + "; set --az to a zone of " + envRegion + " or --region explicitly");
        }
        InstanceIdentity g = InstanceIdentity.generated(index, first(instanceType, type, "c5.large"), zone, first(lifecycle, life, "spot"));
        Map<String, String> allTags = new LinkedHashMap<>(g.tags());
        if (fileTags != null) {
            allTags.putAll(fileTags);
        }
        allTags.putAll(tags);
        return new InstanceIdentity(first(id, null, g.instanceId()), g.instanceType(), g.availabilityZone(), regionName, g.lifecycle(),
                g.amiId(), g.accountId(), g.privateIpv4(), g.publicIpv4(), g.mac(), g.vpcId(), g.subnetId(), g.securityGroups(),
                g.iamRole(), g.autoScalingGroup(), allTags, first(userData(), fileUserData, null));
    }

    private String userData() {
        if (userData == null || !userData.startsWith("@")) {
            return userData;
        }
        Path file = Path.of(userData.substring(1));
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--user-data: cannot read " + file + ": " + e.getMessage());
        }
    }

    static GroupSpec group(FleetSpec fleet) {
        List<SpotPool> pools = fleet.pools().stream().map(p -> new SpotPool(p.type(), p.az(), p.price(),
                p.capacity() == null ? SpotPool.UNLIMITED : p.capacity())).toList();
        FleetSpec.Group g = fleet.group();
        return new GroupSpec(g.name(), g.desired(), AllocationStrategy.parse(g.strategy()), g.launchDelay(), g.capacityRebalance(), pools);
    }

    private static void banner(SpotSim sim, PrintWriter out) {
        List<InstanceView> all = sim.instances();
        out.println("spotsim serving " + all.size() + " instance(s); control API " + sim.controlUrl());
        int shown = all.size() > 10 ? 5 : all.size();
        for (int i = 0; i < shown; i++) {
            InstanceView v = all.get(i);
            out.printf("  %s  %-10s %-11s %-9s IMDS %s%n", v.instanceId(), v.identity().instanceType(), v.identity().availabilityZone(),
                    v.identity().lifecycle(), sim.imdsEndpoint(v.instanceId()));
        }
        if (shown < all.size()) {
            out.println("  ... and " + (all.size() - shown) + " more: spotsim status");
        }
        if (sim.balancerUrl() != null) {
            out.println("Workload behind the balancer:   " + sim.balancerUrl() + " (logs in spotsim-out/logs)");
        }
        out.println("Events: spotsim events --follow (journal " + sim.events().journal().file() + ")");
        out.println("Point an SDK at the first one:  export AWS_EC2_METADATA_SERVICE_ENDPOINT=" + sim.imdsEndpoint());
        out.println("Interrupt it:                   spotsim interrupt" + (all.size() > 1 ? " " + all.get(0).instanceId() : ""));
        out.flush();
    }

    private static String bindFailure(RuntimeException e, String host, int imdsPort, int apiPort) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Address already in use") || message.contains("BindException")) {
            return "cannot listen on " + host + ": a port is already in use (IMDS from " + imdsPort + ", control " + apiPort
                    + "); stop the other process or choose --port / --control-port";
        }
        return "cannot start: " + message;
    }

    private static int portOf(String flag, int value) {
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException(flag + ": expected 0..65535, got " + value);
        }
        return value;
    }

    private static Integer envInt(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": expected a port number, got \"" + v + "\"");
        }
    }

    @SafeVarargs
    private static <T> T first(T... candidates) {
        for (T c : candidates) {
            if (c != null) {
                return c;
            }
        }
        return null;
    }
}
