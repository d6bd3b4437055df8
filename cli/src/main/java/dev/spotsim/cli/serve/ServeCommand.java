package dev.spotsim.cli.serve;

import static dev.spotsim.cli.serve.Precedence.first;

import dev.spotsim.cli.client.DurationConverter;
import dev.spotsim.scenarios.parse.StructuredReader;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.fleet.FleetSettings;
import dev.spotsim.simulator.fleet.GroupSpec;
import dev.spotsim.simulator.instance.InstanceIdentity;
import dev.spotsim.simulator.instance.MetadataOptions;
import dev.spotsim.simulator.events.sink.SinkConfig;
import dev.spotsim.simulator.platform.PlatformSettings;
import dev.spotsim.scenarios.model.LoadBalancerSpec;
import dev.spotsim.simulator.imds.IdentitySigner;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Locale;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spotsim serve}: the fake IMDS (one port per instance) and the control API, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve a fake EC2 instance metadata service and the control API, until Ctrl-C.",
                "Each simulated instance gets its own IMDS port, so an unmodified client sees exactly one instance.",
                "Precedence: flags, then the --config file, then SPOTSIM_* environment variables, then defaults."})
public final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--port", paramLabel = "PORT", description = "First IMDS port; more instances use the next ones (env SPOTSIM_PORT; default 1338).")
    Integer port;

    @Option(names = "--control-port", paramLabel = "PORT", description = "Control API port (env SPOTSIM_CONTROL_PORT; default 1337).")
    Integer controlPort;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to bind (env SPOTSIM_HOST; default 127.0.0.1).")
    String host;

    @Option(names = "--imdsv2", paramLabel = "required|optional", description = "required: IMDSv2 tokens only (env SPOTSIM_IMDSV2; default optional).")
    String imdsv2;

    @Option(names = "--tags-in-metadata", description = "Serve tags under meta-data/tags/instance/.")
    Boolean tagsInMetadata;

    @Mixin
    IdentityOptions identity;

    @Option(names = "--shutdown", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long shutting-down / stopping lasts (default 5s).")
    Duration shutdown;

    @Option(names = "--events-journal", paramLabel = "FILE",
            description = "Append every event here before any sink gets it (default spotsim-out/events.jsonl).")
    Path eventsJournal;

    @Option(names = "--webhook", paramLabel = "URL", description = "POST every event to this URL, at least once, with retries (repeatable).")
    List<String> webhooks = new ArrayList<>();

    @Option(names = "--identity-certificates", paramLabel = "DIR",
            description = "Write the certificates that verify dynamic/instance-identity/{signature,pkcs7,rsa2048} here (rsa.pem, dsa.pem, rsa2048.pem).")
    Path identityCertificates;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON: host, port, controlPort, imdsv2, tagsInMetadata, instances, count or fleet.")
    Path config;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final CompletableFuture<Vertx> vertxAhead;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<SpotSim> running = new AtomicReference<>();

    /** Reads SPOTSIM_* and AWS_REGION from the process environment. */
    public ServeCommand() {
        this(System.getenv());
    }

    /** Reads SPOTSIM_* and AWS_REGION from {@code env} (tests give their own). */
    public ServeCommand(Map<String, String> env) {
        this(env, null);
    }

    /**
     * Reads {@code env}, and runs the simulator on the Vert.x instance {@code vertxAhead} completes with
     * (see {@link #vertxAhead()}; null: the simulator makes its own when it starts).
     */
    public ServeCommand(Map<String, String> env, CompletableFuture<Vertx> vertxAhead) {
        this.env = Map.copyOf(env);
        this.vertxAhead = vertxAhead;
    }

    /**
     * Starts making the simulator's Vert.x instance on another thread, for {@code spotsim serve} to
     * use once its arguments are parsed: parsing (picocli, by reflection) and making Vert.x (Netty's
     * event loops, its native transport, its buffer pools) each took about a quarter of the time to
     * the first IMDS answer, and a machine with two cores does both at once. The process exits
     * without it when the arguments ask for help or are wrong.
     */
    public static CompletableFuture<Vertx> vertxAhead() {
        return CompletableFuture.supplyAsync(SpotSim::newVertx, task -> {
            Thread t = new Thread(task, "spotsim-serve-vertx");
            t.setDaemon(true);
            t.start();
        });
    }

    @Override
    public Integer call() throws InterruptedException {
        Thread hook = new Thread(this::stop, "spotsim-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            start();
            stopped.await();
        } finally {
            stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is what woke us up, and it is running now.
            }
        }
        return 0;
    }

    /** Starts the simulator and prints where everything is; nothing is started when the input is bad. */
    public SpotSim start() {
        ServeConfig file = config == null ? ServeConfig.empty() : new StructuredReader().read(config, ServeConfig.class);
        String bindHost = first(host, file.host(), Precedence.env(env, "SPOTSIM_HOST"), "127.0.0.1");
        int imdsPort = portOf(source(port, "--port", file.port(), "port", "SPOTSIM_PORT"),
                first(port, file.port(), envPort("SPOTSIM_PORT"), 1338));
        int apiPort = portOf(source(controlPort, "--control-port", file.controlPort(), "controlPort", "SPOTSIM_CONTROL_PORT"),
                first(controlPort, file.controlPort(), envPort("SPOTSIM_CONTROL_PORT"), 1337));
        String tokens = first(imdsv2, file.imdsv2(), Precedence.env(env, "SPOTSIM_IMDSV2"), "optional");
        if (!tokens.equals("required") && !tokens.equals("optional")) {
            throw new IllegalArgumentException("--imdsv2: expected required or optional, got \"" + tokens + "\"");
        }
        boolean tagsServed = first(tagsInMetadata, file.tagsInMetadata(), false);
        SpotSim.Builder builder = SpotSim.builder().host(bindHost).imdsPort(imdsPort).controlPort(apiPort)
                .metadataOptions(new MetadataOptions(tokens.equals("required"), true, tagsServed))
                .settings(new FleetSettings(first(shutdown, file.shutdownDuration(), Duration.ofSeconds(5)), Duration.ZERO))
                .eventJournal(first(eventsJournal, file.eventsJournal() == null ? null : Path.of(file.eventsJournal()), Path.of("spotsim-out", "events.jsonl")));
        List<SinkConfig> sinks = new ArrayList<>(file.sinks());
        webhooks.forEach(url -> sinks.add(new SinkConfig("webhook", "webhook-" + (sinks.size() + 1), url, null, null, null, null, null, null, null)));
        builder.eventSinks(sinks);
        List<String> imdsUsers;
        if (file.fleet() != null && !identity.namesInstances()) {
            GroupSpec group = GroupSpec.from(file.fleet());
            builder.group(group);
            imdsUsers = Collections.nCopies(group.desired(), "an instance of group " + group.name());
        } else {
            List<InstanceIdentity> identities = identity.identities(file, env);
            identities.forEach(builder::instance);
            imdsUsers = identities.stream().map(i -> "IMDS of " + i.instanceId()).toList();
        }
        PortCheck.requireFree(bindHost, apiPort, "control API", "--control-port");
        for (int i = 0; i < imdsUsers.size() && imdsPort != 0 && imdsPort + i <= 65535; i++) {
            PortCheck.requireFree(bindHost, imdsPort + i, imdsUsers.get(i), "--port");
        }
        SpotSim sim;
        try {
            if (vertxAhead != null) {
                builder.vertx(vertxAhead.join());
            }
            sim = builder.start();
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // A port taken after PortCheck looked, or an address that cannot be bound.
            throw new IllegalArgumentException("cannot start the simulator on " + bindHost + ": " + e.getMessage(), e);
        }
        running.set(sim);
        if (identityCertificates != null) {
            writeIdentityCertificates(sim);
        }
        if (file.workload() != null) {
            runWorkload(sim, file);
        }
        ServeBanner.print(sim, spec.commandLine().getOut());
        return sim;
    }

    /** AWS publishes one certificate per signature kind and Region; these stand in for them. */
    private void writeIdentityCertificates(SpotSim sim) {
        try {
            Files.createDirectories(identityCertificates);
            for (IdentitySigner.Kind kind : IdentitySigner.Kind.values()) {
                Files.writeString(identityCertificates.resolve(kind.name().toLowerCase(Locale.ROOT) + ".pem"), sim.identityCertificatePem(kind));
            }
        } catch (IOException e) {
            stop();
            throw new IllegalArgumentException("--identity-certificates: cannot write to " + identityCertificates + ": " + e.getMessage(), e);
        }
    }

    /** The simulator while it runs, else null. */
    public SpotSim running() {
        return running.get();
    }

    private void runWorkload(SpotSim sim, ServeConfig file) {
        int desired = (file.fleet() != null ? file.fleet().group().desired() : sim.instances().size()) * file.workload().tasksPerInstance();
        LoadBalancerSpec lb = file.loadBalancer() == null ? LoadBalancerSpec.defaults() : file.loadBalancer();
        try {
            sim.runWorkload(new PlatformSettings(file.workload(), desired, Path.of("spotsim-out", "logs"), Path.of("").toAbsolutePath(), "spotsim"),
                    lb, first(file.balancerPort(), 0));
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** Stops the simulator (Ctrl-C, or a test) and lets {@link #call()} return; returns once its ports are free. */
    public void stop() {
        SpotSim sim = running.getAndSet(null);
        if (sim != null) {
            LOG.info("stopping: closing the control API and {} IMDS endpoint(s)", sim.instances().size());
            sim.close();
        }
        stopped.countDown();
    }

    private static int portOf(String source, int value) {
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException(source + ": expected 0..65535, got " + value);
        }
        return value;
    }

    /** Names where a setting came from, for an error about its value. */
    private String source(Object flagValue, String flag, Object fileValue, String field, String envName) {
        return flagValue != null ? flag : fileValue != null ? config + ": " + field : Precedence.env(env, envName) != null ? envName : flag;
    }

    private Integer envPort(String name) {
        String v = Precedence.env(env, name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": expected a port number, got \"" + v + "\"");
        }
    }
}
