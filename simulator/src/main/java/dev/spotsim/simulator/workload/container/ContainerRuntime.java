package dev.spotsim.simulator.workload.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import dev.spotsim.scenarios.model.ContainerSpec;
import dev.spotsim.simulator.credentials.ContainerCredentialsServer;
import dev.spotsim.simulator.workload.RunningWorkload;
import dev.spotsim.simulator.workload.WorkloadLaunch;
import dev.spotsim.simulator.workload.WorkloadRuntime;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each task as a container of the scenario's image through the Docker Engine API. Containers use the
 * host's network, so 127.0.0.1 inside is the host's loopback: the task's IMDS, ECS metadata and credentials
 * endpoints (all loopback-only) are reachable as the environment names them, and the program listens on
 * PORT, the balancer's target (docs/containers.md says why). Closing removes every container it started;
 * a JVM shutdown hook does the same on Ctrl-C; creating one removes containers of earlier runs that died.
 */
public final class ContainerRuntime implements WorkloadRuntime {
    private static final Logger log = LoggerFactory.getLogger(ContainerRuntime.class);
    private static final String IMDS_ENDPOINT = "AWS_EC2_METADATA_SERVICE_ENDPOINT";
    /** The task role a container's credentials stand for when the scenario names none. */
    public static final String DEFAULT_TASK_ROLE = "arn:aws:iam::123456789012:role/spotsim-task-role";

    private final DockerEngine engine;
    private final ContainerSpec spec;
    private final Clock clock;
    private final ContainerLabels owner = ContainerLabels.ofThisProcess();
    private final List<RunningContainer> started = new CopyOnWriteArrayList<>();
    private final List<String> reaped;
    /** One bridge hop per instance IMDS endpoint, for containers modelled on a bridge network. */
    private final Map<String, BridgeHop> hops = new ConcurrentHashMap<>();
    private final ContainerCredentialsServer credentials;
    private final Map<String, ContainerCredentialsServer.Grant> grants = new ConcurrentHashMap<>();
    private final Thread shutdownHook = new Thread(this::removeAll, "spotsim-container-cleanup");
    private ImageConfig image;
    private volatile boolean closed;
    private boolean ownsCredentials;

    /** Takes ownership of {@code engine} (closed with the runtime); reaps earlier runs' orphans at once. */
    public ContainerRuntime(DockerEngine engine, ContainerSpec spec, Clock clock) {
        this(engine, spec, clock, null);
    }

    /**
     * Also gives every task task-role credentials through {@code credentials} (may be null: none), whose grants it
     * revokes as tasks go; the caller owns the server.
     */
    public ContainerRuntime(DockerEngine engine, ContainerSpec spec, Clock clock, ContainerCredentialsServer credentials) {
        this.engine = engine;
        this.spec = spec;
        this.clock = clock;
        this.credentials = credentials;
        this.reaped = ContainerReaper.reapOrphans(engine.client(), owner);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Connects to DOCKER_HOST, starts a container credentials endpoint on {@code vertx} (owned and closed with the
     * runtime), reaps orphans, applies the pull policy and logs the image lint, so a run fails
     * before any task starts when the engine or the image is missing. Errors carry one line for the user.
     */
    public static ContainerRuntime connect(ContainerSpec spec, Clock clock, Vertx vertx) {
        ContainerRuntime runtime;
        try {
            runtime = new ContainerRuntime(DockerEngine.connect(System.getenv()), spec, clock, ContainerCredentialsServer.start(vertx, clock));
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        runtime.ownsCredentials = true;
        try {
            ImageAdvice.lint(spec, runtime.image()).forEach(warning -> log.warn(warning));
            return runtime;
        } catch (IOException | RuntimeException e) {
            runtime.close();
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** What the reaper removed when this runtime started: one line per dead run (empty: nothing). */
    public List<String> reaped() {
        return reaped;
    }

    /** The image's config after the pull policy ran: pulls or fails with the image's name. */
    public synchronized ImageConfig image() throws IOException {
        if (image == null) {
            image = ImagePolicy.ensure(engine, spec);
        }
        return image;
    }

    public ContainerSpec spec() {
        return spec;
    }

    @Override
    public RunningWorkload start(WorkloadLaunch launch) throws IOException {
        if (closed) {
            throw new IllegalStateException("the container runtime is closed");
        }
        ImageConfig config = image();
        DockerClient client = engine.client();
        String id;
        try {
            id = create(client, launch).exec().getId();
        } catch (RuntimeException e) {
            throw new IOException("creating a container of " + spec.image() + " for task " + launch.taskId() + ": " + DockerEngine.rootMessage(e), e);
        }
        Path logFile = launch.log();
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        RunningContainer container = new RunningContainer(client, id, launch.taskId(), spec, config, logFile, clock, () -> revoke(launch.taskId()),
                hopOf(launch));
        started.add(container);
        try {
            client.startContainerCmd(id).exec();
        } catch (RuntimeException e) {
            container.remove();
            throw new IOException("starting container " + id.substring(0, 12) + " (" + spec.image() + "): " + DockerEngine.rootMessage(e), e);
        }
        container.follow();
        log.info("task {} runs in {}", launch.taskId(), container.describe());
        return container;
    }

    private CreateContainerCmd create(DockerClient client, WorkloadLaunch launch) throws IOException {
        HostConfig host = HostConfig.newHostConfig().withNetworkMode("host").withInit(spec.init()).withBinds(binds(launch));
        CreateContainerCmd cmd = client.createContainerCmd(spec.image()).withName(name(launch))
                .withLabels(owner.forTask(launch.runId(), launch.taskId(), launch.instanceId()))
                .withEnv(environment(launch)).withHostConfig(host);
        if (spec.entrypoint() != null) {
            cmd.withEntrypoint(spec.entrypoint().argv());
        }
        if (spec.command() != null) {
            cmd.withCmd(spec.command().argv());
        }
        if (spec.user() != null) {
            cmd.withUser(spec.user());
        }
        if (spec.stopSignal() != null) {
            cmd.withStopSignal(spec.stopSignal());
        }
        return cmd;
    }

    /**
     * The scenario's mounts as bind mounts: a relative source from the workload's working directory (--workdir), as a
     * process workload would see it; a writable mount's missing directory is created (Docker would create it as root,
     * Podman refuses), so a checkpoint location is there for the first attempt.
     */
    private List<Bind> binds(WorkloadLaunch launch) throws IOException {
        List<Bind> binds = new ArrayList<>();
        Path base = launch.workingDir() == null ? Path.of("") : launch.workingDir();
        for (ContainerSpec.Mount m : spec.mounts()) {
            Path source = base.resolve(m.source()).toAbsolutePath().normalize();
            if (!m.readOnly()) {
                Files.createDirectories(source);
            }
            binds.add(new Bind(source.toString(), new Volume(m.target()), m.readOnly() ? AccessMode.ro : AccessMode.rw));
        }
        return binds;
    }

    /** The scenario's env first, then what the platform gives the task (PORT, IMDS endpoint, ...), which wins. */
    private List<String> environment(WorkloadLaunch launch) throws IOException {
        Map<String, String> env = new LinkedHashMap<>(spec.env());
        env.putAll(launch.environment());
        String imds = env.get(IMDS_ENDPOINT);
        if (spec.network().equals("bridge") && imds != null) {
            env.put(IMDS_ENDPOINT, bridgeHop(imds).endpoint());
        }
        if (credentials != null) {
            ContainerCredentialsServer.Grant grant = credentials.grant(launch.taskId(), spec.taskRoleArn() == null ? DEFAULT_TASK_ROLE : spec.taskRoleArn());
            grants.put(launch.taskId(), grant);
            env.putAll(grant.environment());
        }
        List<String> out = new ArrayList<>();
        env.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    private void revoke(String taskId) {
        ContainerCredentialsServer.Grant grant = grants.remove(taskId);
        if (grant != null && credentials != null) {
            credentials.revoke(grant);
        }
    }

    /** The bridge hop in front of the launch's IMDS, or null on the host network or without IMDS. */
    private BridgeHop hopOf(WorkloadLaunch launch) {
        String imds = launch.environment().get(IMDS_ENDPOINT);
        return spec.network().equals("bridge") && imds != null ? hops.get(imds) : null;
    }

    private BridgeHop bridgeHop(String imdsEndpoint) throws IOException {
        try {
            return hops.computeIfAbsent(imdsEndpoint, endpoint -> {
                try {
                    return new BridgeHop(endpoint, spec.httpPutResponseHopLimit());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** A readable, unique container name: spotsim-RUN-TASK, with what the engine refuses replaced. */
    private static String name(WorkloadLaunch launch) {
        return ("spotsim-" + launch.runId() + "-" + launch.taskId()).replaceAll("[^a-zA-Z0-9_.-]", "-");
    }

    @Override
    public String kind() {
        return "container";
    }

    /** The containers started so far (removed ones included), for the record. */
    public List<RunningContainer> started() {
        return List.copyOf(started);
    }

    private void removeAll() {
        for (RunningContainer c : started) {
            try {
                c.remove();
            } catch (RuntimeException e) {
                log.warn("could not remove {}: {}", c.describe(), DockerEngine.rootMessage(e));
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        removeAll();
        hops.values().forEach(BridgeHop::close);
        if (ownsCredentials) {
            credentials.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            log.debug("closing during JVM shutdown: the hook runs anyway");
        }
        engine.close();
    }
}
