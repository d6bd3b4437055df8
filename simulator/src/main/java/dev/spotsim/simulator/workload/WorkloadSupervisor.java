package dev.spotsim.simulator.workload;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns every workload process the simulator starts: on {@link #close()} (and, as a safety net, on
 * JVM exit) every process tree still running is killed and waited for, so no child outlives us.
 */
public final class WorkloadSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkloadSupervisor.class);
    /** How long close() waits for killed processes; SIGKILL cannot be caught, so this only covers a busy kernel. */
    private static final Duration REAP_TIMEOUT = Duration.ofSeconds(10);
    private final List<WorkloadProcess> processes = new CopyOnWriteArrayList<>();
    private final List<WorkloadListener> listeners = new CopyOnWriteArrayList<>();
    private final WorkloadListener fanOut = new FanOut();
    private final Clock clock;
    private final Path logDir;
    private final Thread safetyNet = new Thread(this::killAll, "spotsim-workload-reaper");
    private boolean closed;

    /** Logs go to {@code <logDir>/<id>.log}; times come from {@code clock}. */
    public WorkloadSupervisor(Path logDir, Clock clock) {
        this.logDir = Objects.requireNonNull(logDir, "logDir");
        this.clock = Objects.requireNonNull(clock, "clock");
        Runtime.getRuntime().addShutdownHook(safetyNet);
    }

    /** Hears every process this supervisor starts from now on. */
    public void addListener(WorkloadListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** Starts a workload at {@code placement}; its log is {@code <logDir>/<id>.log}, appended to. */
    public synchronized WorkloadProcess start(String id, ProcessSpec spec, Placement placement) {
        // Under the same lock as close(): a process started after close() would outlive us.
        if (closed) {
            throw new IllegalStateException("the workload supervisor is closed; cannot start " + id);
        }
        WorkloadProcess p = WorkloadProcess.start(id, spec, placement, logDir.resolve(id + ".log"), clock, fanOut);
        processes.add(p);
        LOG.info("workload {} on {} started (pid {}, port {})", id, p.instanceId(), p.pid(), p.port());
        return p;
    }

    /**
     * The older form: {@code command} runs with {@code /bin/sh -c}, and {@code environment} already holds
     * PORT, the IMDS endpoint and the rest.
     *
     * @deprecated use {@link #start(String, ProcessSpec, Placement)}, which sets those variables itself
     */
    @Deprecated
    public WorkloadProcess start(String id, String instanceId, String command, Path workingDir, Map<String, String> environment) {
        Placement placement = new Placement(instanceId, environment.getOrDefault(Placement.IMDS_ENDPOINT, ""),
                environment.getOrDefault(Placement.REGION, ""), environment.get(Placement.ECS_METADATA_URI),
                Integer.parseInt(environment.getOrDefault(Placement.PORT, "0")));
        return start(id, ProcessSpec.shell(command).in(workingDir).withEnvironment(environment), placement);
    }

    /** Every process started so far, running or not. */
    public List<WorkloadProcess> processes() {
        return List.copyOf(processes);
    }

    public Path logDir() {
        return logDir;
    }

    /** Kills every process tree still running and waits (bounded) for each process to be gone. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(safetyNet);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook runs (or ran) anyway.
        }
    }

    private void killAll() {
        List<ProcessHandle> killed = new ArrayList<>();
        for (WorkloadProcess p : processes) {
            killed.addAll(p.liveTree());
            p.kill();
        }
        Instant deadline = Instant.now().plus(REAP_TIMEOUT);
        for (ProcessHandle h : killed) {
            awaitExit(h, deadline);
        }
    }

    private static void awaitExit(ProcessHandle h, Instant deadline) {
        long millis = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
        try {
            h.onExit().get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("process {} did not exit within {} of SIGKILL", h.pid(), REAP_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Passes each event to every listener added to the supervisor; one that throws does not silence the others. */
    private final class FanOut implements WorkloadListener {
        private void each(Consumer<WorkloadListener> call) {
            for (WorkloadListener l : listeners) {
                try {
                    call.accept(l);
                } catch (RuntimeException e) {
                    LOG.warn("workload listener {} failed: {}", l, e.toString(), e);
                }
            }
        }

        @Override
        public void started(WorkloadProcess process, Instant at) {
            each(l -> l.started(process, at));
        }

        @Override
        public void terminated(WorkloadProcess process, Instant at) {
            each(l -> l.terminated(process, at));
        }

        @Override
        public void killed(WorkloadProcess process, Instant at) {
            each(l -> l.killed(process, at));
        }

        @Override
        public void exited(WorkloadProcess process, Instant at, int exitCode) {
            each(l -> l.exited(process, at, exitCode));
        }
    }
}
