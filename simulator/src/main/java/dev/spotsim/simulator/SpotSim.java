package dev.spotsim.simulator;

import dev.spotsim.simulator.clock.SimClock;
import dev.spotsim.simulator.clock.SystemClock;
import dev.spotsim.scenarios.model.LoadBalancerSpec;
import dev.spotsim.simulator.balancer.LoadBalancer;
import dev.spotsim.simulator.balancer.TargetGroupSettings;
import dev.spotsim.simulator.aws.AwsContext;
import dev.spotsim.simulator.aws.AwsFrontDoor;
import dev.spotsim.simulator.aws.AwsServices;
import dev.spotsim.simulator.control.ControlApi;
import dev.spotsim.simulator.control.ControlServer;
import dev.spotsim.simulator.ecs.LazyTaskMetadata;
import dev.spotsim.simulator.platform.Platform;
import dev.spotsim.simulator.platform.PlatformSettings;
import dev.spotsim.simulator.workload.ProcessRuntime;
import dev.spotsim.simulator.workload.ProcessSpec;
import dev.spotsim.simulator.workload.WorkloadRuntime;
import dev.spotsim.simulator.workload.container.ContainerRuntime;
import dev.spotsim.simulator.events.Event;
import dev.spotsim.simulator.events.EventBus;
import dev.spotsim.simulator.events.EventJournal;
import dev.spotsim.simulator.events.EventSink;
import dev.spotsim.simulator.events.EventsRoutes;
import dev.spotsim.simulator.events.FleetEvents;
import dev.spotsim.simulator.events.pattern.EventPattern;
import dev.spotsim.simulator.events.sink.SinkConfig;
import dev.spotsim.simulator.events.sink.SseHub;
import dev.spotsim.simulator.fleet.Fleet;
import dev.spotsim.simulator.fleet.FleetSettings;
import dev.spotsim.simulator.fleet.GroupSpec;
import dev.spotsim.simulator.fleet.InterruptRequest;
import dev.spotsim.simulator.imds.IdentitySigner;
import dev.spotsim.simulator.imds.ImdsServer;
import dev.spotsim.simulator.imds.TokenService;
import dev.spotsim.simulator.instance.InstanceIdentity;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.instance.Interruption;
import dev.spotsim.simulator.instance.MetadataOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The embeddable simulator: a fleet of simulated instances, one metadata endpoint per instance, and
 * the control API. Start it from a test (free ports by default), point the AWS SDK at
 * {@link #imdsEndpoint()}, interrupt from Java. {@code spotsim serve} is this class behind flags.
 */
public final class SpotSim implements AutoCloseable {
    /** How long a workload still running when the simulator closes has between its stop signal and SIGKILL. */
    public static final java.time.Duration SHUTDOWN_GRACE = java.time.Duration.ofSeconds(5);
    private final Vertx vertx;
    private final Fleet fleet;
    private final ImdsServer imds;
    private final HttpServer control;
    private final String host;
    private final AutoCloseable ownedClock;
    private final EventBus events;
    private volatile Workloads workloads;

    /** The platform running the user's workload, and what it needs: a balancer, a workload runtime, ECS metadata (started on first use). */
    private record Workloads(Platform platform, LoadBalancer balancer, WorkloadRuntime runtime, LazyTaskMetadata ecs) {
        void close() {
            // The platform first (no replacement starts while workloads stop), then each workload gets its stop signal.
            platform.shutdown(SHUTDOWN_GRACE);
            runtime.close();
            balancer.close();
            ecs.close();
        }
    }

    private final AwsFrontDoor aws;
    /** The metadata options new instances start with; the global reset puts every instance back to them. */
    private volatile MetadataOptions launchOptions = MetadataOptions.defaults();

    private SpotSim(Vertx vertx, Fleet fleet, ImdsServer imds, HttpServer control, String host, AutoCloseable ownedClock, EventBus events,
                    AwsFrontDoor aws) {
        this.aws = aws;
        this.vertx = vertx;
        this.fleet = fleet;
        this.imds = imds;
        this.control = control;
        this.host = host;
        this.ownedClock = ownedClock;
        this.events = events;
    }

    /** Every AWS API call the simulator's control port received (also at GET /spotsim/v1/aws/calls). */
    public dev.spotsim.simulator.aws.AwsCalls awsCalls() {
        return aws.calls();
    }

    /** The EventBridge-style events the simulation emits: journal first, then the sinks. */
    public EventBus events() {
        return events;
    }

    /**
     * Runs the user's workload on the fleet as host processes ({@code workload.command} with
     * {@code /bin/sh -c}) or containers ({@code workload.container}), behind a local balancer on {@code balancerPort} (0: free), with the drain lane
     * of its spec. Returns the platform; {@link #close()} stops every process.
     */
    public Platform runWorkload(PlatformSettings settings, LoadBalancerSpec lbSpec, int balancerPort) {
        if (settings.workload().isContainer()) {
            // Containers of workload.container.image through the Docker Engine API at DOCKER_HOST.
            return runWorkload(settings, lbSpec, balancerPort, ContainerRuntime.connect(settings.workload().container(), java.time.Clock.systemUTC(), vertx));
        }
        ProcessSpec command = ProcessSpec.shell(settings.workload().command()).in(settings.workingDir());
        return runWorkload(settings, lbSpec, balancerPort, new ProcessRuntime(command, java.time.Clock.systemUTC()));
    }

    /**
     * Runs the user's workload through {@code runtime} (processes, containers), which the simulator
     * owns from now on and closes with itself (also when this call fails).
     */
    public synchronized Platform runWorkload(PlatformSettings settings, LoadBalancerSpec lbSpec, int balancerPort, WorkloadRuntime runtime) {
        if (workloads != null) {
            runtime.close();
            throw new IllegalStateException("a workload already runs on this simulator");
        }
        TargetGroupSettings group = TargetGroupSettings.of(lbSpec, settings.workload().healthCheck());
        LoadBalancer balancer = new LoadBalancer(vertx, group, java.time.Clock.systemUTC());
        LazyTaskMetadata ecs = new LazyTaskMetadata(vertx, host);
        try {
            balancer.start(host, balancerPort).await();
            Platform platform = new Platform(settings, fleet, this::imdsEndpoint, balancer, events, runtime, ecs);
            workloads = new Workloads(platform, balancer, runtime, ecs);
            platform.start();
            return platform;
        } catch (RuntimeException e) {
            runtime.close();
            balancer.close();
            ecs.close();
            throw e;
        }
    }

    /** The balancer in front of the workload, e.g. {@code http://127.0.0.1:8080}; null without a workload. */
    public String balancerUrl() {
        Workloads w = workloads;
        return w == null ? null : "http://" + hostForUrl() + ":" + w.balancer().port();
    }

    public Platform platform() {
        Workloads w = workloads;
        return w == null ? null : w.platform();
    }

    /**
     * The environment a workload on the event's instance would have (its id, its IMDS endpoint, its
     * region), for command sinks; empty when the event names no known instance.
     */
    public Map<String, String> environmentOf(Event event) {
        return environment(fleet, imds, host, event);
    }

    /** {@link #environmentOf}, usable before the simulator is built (sinks see the fleet's start-up events). */
    private static Map<String, String> environment(Fleet fleet, ImdsServer imds, String host, Event event) {
        String id = event.detail().path("instance-id").asText(event.detail().path("EC2InstanceId").asText(event.detail().path("ec2InstanceId").asText("")));
        if (id.isEmpty() || imds.port(id) < 0) {
            return Map.of();
        }
        InstanceView v = fleet.instance(id);
        return Map.of("SPOTSIM_INSTANCE_ID", id, "AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://" + hostForUrl(host) + ":" + imds.port(id),
                "AWS_REGION", v.identity().region(), "AWS_DEFAULT_REGION", v.identity().region());
    }

    /** The Vert.x instance the simulator runs on (for parts that live next to it, like the balancer). */
    public Vertx vertx() {
        return vertx;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A Vert.x instance as the simulator makes its own: Netty's native epoll transport where it loads
     * (Linux), unless {@code -Dspotsim.nativeTransport=false} (to compare with NIO). Making one takes
     * a good part of a start-up, so {@code spotsim serve} makes it on another thread while it parses
     * its arguments and hands it over with {@link Builder#vertx(Vertx)}.
     */
    public static Vertx newVertx() {
        return Vertx.vertx(new VertxOptions().setPreferNativeTransport(!"false".equals(System.getProperty("spotsim.nativeTransport"))));
    }

    /** The one service API: everything that changes the simulation goes through it. */
    public Fleet fleet() {
        return fleet;
    }

    /** The first instance's metadata endpoint, e.g. {@code http://127.0.0.1:1338/}. */
    public String imdsEndpoint() {
        return imdsEndpoint(firstInstanceId());
    }

    /**
     * An instance's metadata endpoint, ending in {@code /}: some SDKs append {@code latest/api/token} to
     * the value as it is, others {@code /latest/...}; IMDS reads repeated slashes as one, so this works for both.
     */
    public String imdsEndpoint(String instanceId) {
        int port = imds.port(instanceId);
        if (port < 0) {
            throw new IllegalArgumentException("no instance " + instanceId);
        }
        return "http://" + hostForUrl() + ":" + port + "/";
    }

    /**
     * The PEM certificate that verifies an identity document's signature of {@code kind} (RSA for
     * {@code signature}, DSA for {@code pkcs7}, RSA2048 for {@code rsa2048}); it stands in for AWS's public certificate.
     */
    public String identityCertificatePem(IdentitySigner.Kind kind) {
        return imds.identitySigner().certificatePem(kind);
    }

    public int imdsPort(String instanceId) {
        return imds.port(instanceId);
    }

    /** The control API's root, e.g. {@code http://127.0.0.1:1337/spotsim/v1}. */
    public String controlUrl() {
        return "http://" + hostForUrl() + ":" + control.actualPort() + ControlApi.BASE;
    }

    public int controlPort() {
        return control.actualPort();
    }

    private String hostForUrl() {
        return hostForUrl(host);
    }

    private static String hostForUrl(String host) {
        return host.equals("0.0.0.0") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
    }

    public String firstInstanceId() {
        return fleet.instances().get(0).instanceId();
    }

    public List<InstanceView> instances() {
        return fleet.instances();
    }

    /** Interrupts the first instance the AWS way: terminate, two-minute notice, starting now. */
    public Interruption interrupt() {
        return fleet.interrupt(firstInstanceId(), InterruptRequest.awsDefault());
    }

    public Interruption interrupt(String instanceId, InterruptRequest request) {
        return fleet.interrupt(instanceId, request);
    }

    /**
     * Puts a shared simulator back to a clean state, so tests sharing it start clean: no scheduled
     * interruptions, pools restored, groups at their first desired capacity without lifecycle hooks, every
     * instance running afresh with the launch metadata options and no faults, no recent events, and no AWS
     * resources (FIS templates and experiments, SSM commands, SQS queues, EventBridge rules), recorded AWS
     * calls or AWS faults. A workload keeps running. Returns what was cleared, by kind ({@code POST /spotsim/v1/reset}).
     */
    public synchronized Map<String, Object> reset() {
        Map<String, Object> cleared = new java.util.LinkedHashMap<>(fleet.resetAll(launchOptions));
        cleared.put("events", events.clearRecent());
        cleared.put("aws", aws.reset());
        return cleared;
    }

    /** Stops every server and the clock it owns; waits until the ports are released. */
    @Override
    public void close() {
        try {
            Workloads w = workloads;
            if (w != null) {
                w.close();
            }
            imds.closeAll().compose(v -> control.close()).await();
        } finally {
            events.close();
            vertx.close().await();
            if (ownedClock != null) {
                try {
                    ownedClock.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing the clock failed", e);
                }
            }
        }
    }

    /** How to start a simulator; every setting has a default that suits a test. */
    public static final class Builder {
        private SimClock clock;
        private String host = "127.0.0.1";
        private int imdsPort;
        private int controlPort;
        private final List<InstanceIdentity> identities = new ArrayList<>();
        private final List<GroupSpec> groups = new ArrayList<>();
        private MetadataOptions options = MetadataOptions.defaults();
        private FleetSettings settings = FleetSettings.defaults();
        private int listenersPerPort;
        private java.time.Duration imdsRequestDeadline = ImdsServer.DEFAULT_REQUEST_DEADLINE;
        private Path eventJournal;
        private final List<EventBus.Subscription> sinks = new ArrayList<>();
        private final List<SinkConfig> sinkConfigs = new ArrayList<>();
        private Vertx vertx;

        /** Runs on this Vert.x instance (one from {@link SpotSim#newVertx()}) instead of a new one; the simulator closes it with itself, or when it fails to start. */
        public Builder vertx(Vertx vertx) {
            this.vertx = Objects.requireNonNull(vertx);
            return this;
        }

        /** The clock every schedule runs on (default: the system clock). */
        public Builder clock(SimClock clock) {
            this.clock = clock;
            return this;
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** The first instance's IMDS port; the others follow consecutively. 0 (default) picks free ports. */
        public Builder imdsPort(int port) {
            this.imdsPort = checkPort(port);
            return this;
        }

        /** The control API port; 0 (default) picks a free one. */
        public Builder controlPort(int port) {
            this.controlPort = checkPort(port);
            return this;
        }

        public Builder instance(InstanceIdentity identity) {
            identities.add(identity);
            return this;
        }

        /** Adds {@code count} generated Spot instances (c5.large in us-east-1a). */
        public Builder instances(int count) {
            for (int i = 0; i < count; i++) {
                identities.add(InstanceIdentity.generated(identities.size(), "c5.large", "us-east-1a", "spot"));
            }
            return this;
        }

        /** Appends every event to this JSONL file before any sink sees it (default: events kept in memory only). */
        public Builder eventJournal(Path journal) {
            this.eventJournal = journal;
            return this;
        }

        /** Delivers the events {@code pattern} matches (null: all) to {@code sink}; the simulator closes it. */
        public Builder eventSink(EventSink sink, EventPattern pattern) {
            sinks.add(new EventBus.Subscription(sink, pattern == null ? EventPattern.any() : pattern));
            return this;
        }

        /** Sinks as a config file describes them; commands run with the environment of the event's instance. */
        public Builder eventSinks(List<SinkConfig> configs) {
            sinkConfigs.addAll(configs);
            return this;
        }

        /** An Auto Scaling group of Spot Instances, launched at start and kept at its desired capacity. */
        public Builder group(GroupSpec spec) {
            groups.add(Objects.requireNonNull(spec));
            return this;
        }

        public Builder metadataOptions(MetadataOptions options) {
            this.options = Objects.requireNonNull(options);
            return this;
        }

        /** Shortcut for IMDSv2-only (httpTokens required). */
        public Builder tokensRequired(boolean required) {
            this.options = new MetadataOptions(required, options.endpointEnabled(), options.instanceMetadataTags());
            return this;
        }

        public Builder settings(FleetSettings settings) {
            this.settings = Objects.requireNonNull(settings);
            return this;
        }

        /** Event loops accepting on each IMDS port (default: all of them for one instance, one for a fleet). */
        public Builder listenersPerPort(int count) {
            this.listenersPerPort = count;
            return this;
        }

        /** How long an IMDS connection may take to send a complete request head before it is closed (default 30s). */
        public Builder imdsRequestDeadline(java.time.Duration deadline) {
            if (deadline == null || deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("imdsRequestDeadline: expected a positive duration, got " + deadline);
            }
            this.imdsRequestDeadline = deadline;
            return this;
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: expected 0..65535, got " + port);
            }
            return port;
        }

        /** Starts everything; on any failure, whatever was started is stopped again before the error is thrown. */
        public SpotSim start() {
            if (identities.isEmpty() && groups.isEmpty()) {
                instances(1);
            }
            EventBus events;
            try {
                if (imdsPort != 0 && imdsPort + identities.size() - 1 > 65535) {
                    throw new IllegalArgumentException("ports " + imdsPort + ".." + (imdsPort + identities.size() - 1) + " do not fit below 65536");
                }
                events = new EventBus(eventJournal == null ? null : new EventJournal(eventJournal));
            } catch (RuntimeException e) {
                if (vertx != null) {
                    vertx.close().await();
                }
                throw e;
            }
            SystemClock owned = clock == null ? new SystemClock() : null;
            SimClock actualClock = clock == null ? owned : clock;
            Vertx vertx = this.vertx == null ? newVertx() : this.vertx;
            try {
                sinks.forEach(s -> events.subscribe(s.sink(), s.pattern()));
                SseHub stream = new SseHub(vertx);
                events.subscribe(stream, EventPattern.any());
                Fleet fleet = new Fleet(actualClock, settings);
                FleetEvents fleetEvents = new FleetEvents(events, actualClock);
                fleet.addListener(fleetEvents);
                int loops = listenersPerPort > 0 ? listenersPerPort
                        : identities.size() == 1 && groups.isEmpty() ? Math.max(1, Runtime.getRuntime().availableProcessors()) : 1;
                ImdsServer imds = new ImdsServer(vertx, fleet, new TokenService(), host, loops, imdsPort, imdsRequestDeadline);
                // Before any instance launches: every journaled event a sink's pattern matches reaches it, start-up included.
                sinkConfigs.forEach(c -> events.subscribe(c.build(vertx, System.out, e -> environment(fleet, imds, host, e))));
                List<Future<Integer>> bound = new ArrayList<>();
                for (InstanceIdentity identity : identities) {
                    fleet.launch(identity, options);
                }
                groups.forEach(g -> fleet.createGroup(g, options, fleetEvents));
                fleet.instances().forEach(v -> bound.add(imds.ready(v.instanceId())));
                Future.all(bound).await();
                SpotSim[] self = new SpotSim[1];
                String region = fleet.instances().isEmpty() ? "us-east-1" : fleet.instances().get(0).identity().region();
                AwsContext awsContext = new AwsContext(fleet, events, actualClock, vertx, id -> self[0].imdsEndpoint(id),
                        () -> self[0].platform(), fleet.instances().isEmpty() ? "123456789012" : fleet.instances().get(0).identity().accountId(), region);
                AwsFrontDoor aws = new AwsFrontDoor(AwsServices.create(awsContext), region);
                ControlApi api = new ControlApi(fleet, id -> self[0].imdsEndpoint(id), new EventsRoutes(events, stream), aws, () -> self[0].reset());
                // Bound to the configured host only: listen(port) alone binds the wildcard.
                HttpServer control = ControlServer.listen(vertx, host, controlPort, api.router(vertx)).await();
                self[0] = new SpotSim(vertx, fleet, imds, control, host, owned, events, aws);
                self[0].launchOptions = options;
                return self[0];
            } catch (Exception e) {
                // Vert.x's await() rethrows a failed bind's checked BindException as it is.
                vertx.close().await();
                if (owned != null) {
                    owned.close();
                }
                events.close();
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
        }
    }
}
