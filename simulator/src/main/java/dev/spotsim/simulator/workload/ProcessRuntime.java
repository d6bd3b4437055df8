package dev.spotsim.simulator.workload;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each task's workload as a host process of {@link ProcessSpec}: the task's environment on top
 * of ours (without the settings of this machine that would contradict the simulated instance), its
 * output appended to the task's log, in a session of its own. Closing it (and, as a safety net, the
 * JVM's exit) kills every process tree it started and waits until they are gone.
 */
public final class ProcessRuntime implements WorkloadRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessRuntime.class);
    /** How long close() waits for killed processes; SIGKILL cannot be caught, so this only covers a busy kernel. */
    private static final Duration REAP_TIMEOUT = Duration.ofSeconds(10);
    /** How long the JVM-exit safety net lets an orderly shutdown (stop signal, grace, SIGKILL) run before it kills. */
    private static final Duration ORDERLY_CLOSE_WAIT = Duration.ofSeconds(20);
    /**
     * Variables of the machine spotsim runs on that would contradict the simulated instance: ours, the
     * switches that turn IMDS off or to IPv6, and the ECS v3 endpoint. A workload does not inherit them.
     */
    static final List<String> HOST_ONLY = List.of("PORT", "AWS_EC2_METADATA_SERVICE_ENDPOINT", "SPOTSIM_INSTANCE_ID", "SPOTSIM_TASK_ID",
            "AWS_REGION", "AWS_DEFAULT_REGION", "ECS_CONTAINER_METADATA_URI_V4", "AWS_EC2_METADATA_DISABLED",
            "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ECS_CONTAINER_METADATA_URI");
    /** setsid(1) starts the program in a new session without forking (Java's child leads no group), so its pid stays ours. */
    private static final String SETSID = List.of("/usr/bin/setsid", "/bin/setsid").stream().filter(p -> new File(p).canExecute())
            .findFirst().orElse(null);

    /**
     * coreutils' {@code env --default-signal}, when this machine's env has it: resets every signal's handling to the
     * default before the program starts. A spotsim started in the background ({@code cmd &}, nohup, some CI runners)
     * has SIGINT and SIGQUIT ignored, and an ignored signal stays ignored across exec: a workload whose stop signal is
     * SIGINT could then never trap it (a shell may not even try), while ECS and Kubernetes start every task with the
     * default handling. Empty when env lacks the option (the program then inherits ours).
     */
    private static final List<String> DEFAULT_SIGNALS = defaultSignals();

    private final ProcessSpec spec;
    private final Clock clock;
    private final List<ProcessWorkload> started = new CopyOnWriteArrayList<>();
    /** On JVM exit: gives the orderly shutdown (a run's or serve's Ctrl-C hook) time to stop the workloads first. */
    private final Thread safetyNet = new Thread(this::lastResort, "spotsim-workload-reaper");
    private final java.util.concurrent.CountDownLatch closedLatch = new java.util.concurrent.CountDownLatch(1);
    private WorkloadGuard guard;
    private boolean closed;

    /**
     * Runs {@code spec} for every task; {@code clock} dates the exits. Workloads an earlier spotsim left
     * running when it died (its guard killed with it) are reaped first, and said so.
     */
    public ProcessRuntime(ProcessSpec spec, Clock clock) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.clock = Objects.requireNonNull(clock, "clock");
        List<String> reaped = reapLeftovers();
        if (!reaped.isEmpty()) {
            LOG.warn("killed {} workload process(es) an earlier spotsim left running when it died: {}", reaped.size(), String.join(", ", reaped));
        }
        Runtime.getRuntime().addShutdownHook(safetyNet);
    }

    /**
     * Kills the workloads of every spotsim that died without stopping them (listed in PID files under
     * {@code <tmp>/spotsim-<user>/workloads}); one line per process killed. {@code spotsim cleanup} runs this.
     */
    public static List<String> reapLeftovers() {
        return WorkloadGuard.reap(WorkloadGuard.directory());
    }

    @Override
    public String kind() {
        return "process";
    }

    /**
     * Starts the task's program. Its environment is ours, then the spec's, then the launch's (PORT and
     * the IMDS endpoint win: the balancer and the metadata service depend on them). The working
     * directory is the launch's, else the spec's, else ours.
     */
    @Override
    public synchronized RunningWorkload start(WorkloadLaunch launch) throws IOException {
        // Under the same lock as close(): a process started after close() would outlive us.
        if (closed) {
            throw new IllegalStateException("the process runtime is closed; cannot start " + launch.taskId());
        }
        Map<String, String> env = new java.util.LinkedHashMap<>(spec.environment());
        env.putAll(launch.environment());
        Path dir = launch.workingDir() != null ? launch.workingDir() : spec.workingDir();
        Files.createDirectories(launch.log().toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(argv())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(launch.log().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        applyEnvironment(pb.environment(), env);
        Process process;
        try {
            checkProgram(spec.argv().get(0), pb.environment().get("PATH"));
            if (guard == null) {
                guard = WorkloadGuard.start(SETSID);
            }
            process = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot start workload " + launch.taskId() + " (" + spec.commandLine() + "): " + e.getMessage(), e);
        }
        WorkloadLaunch actual = dir == launch.workingDir() ? launch
                : new WorkloadLaunch(launch.runId(), launch.taskId(), launch.instanceId(), launch.port(), launch.environment(), dir, launch.log());
        ProcessWorkload workload = new ProcessWorkload(actual, env, process, SETSID != null, clock);
        started.add(workload);
        WorkloadGuard g = guard;
        g.add(process.toHandle());
        // Completes after what the program left behind was killed: its group is gone, its pid free for reuse.
        workload.onExit().thenRun(() -> g.remove(process.pid()));
        LOG.info("workload {} on {} started (pid {}, port {})", launch.taskId(), launch.instanceId(), process.pid(), launch.port());
        return workload;
    }

    /** setsid would only fail after the start: say so before, as starting the program directly would. */
    private static void checkProgram(String program, String path) throws IOException {
        boolean found = program.contains("/") ? new File(program).canExecute()
                : path != null && java.util.Arrays.stream(path.split(":")).anyMatch(d -> new File(d.isEmpty() ? "." : d, program).canExecute());
        if (!found) {
            throw new IOException("no such program (or not executable)");
        }
    }

    private List<String> argv() {
        List<String> argv = new ArrayList<>();
        if (SETSID != null) {
            argv.add(SETSID);
        }
        argv.addAll(withDefaultSignals(spec.argv()));
        return argv;
    }

    /** {@code argv} started with every signal's handling at its default (see {@link #DEFAULT_SIGNALS}); env execs it, same pid. */
    static List<String> withDefaultSignals(List<String> argv) {
        List<String> out = new ArrayList<>(DEFAULT_SIGNALS);
        out.addAll(argv);
        return out;
    }

    private static List<String> defaultSignals() {
        String env = List.of("/usr/bin/env", "/bin/env").stream().filter(p -> new File(p).canExecute()).findFirst().orElse(null);
        if (env == null) {
            return List.of();
        }
        try {
            Process probe = new ProcessBuilder(env, "--default-signal", "true").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            boolean ok = probe.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && probe.exitValue() == 0;
            if (!ok) {
                probe.destroyForcibly();
            }
            return ok ? List.of(env, "--default-signal") : List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Our environment without the host-only settings, then {@code env} on top. */
    static void applyEnvironment(Map<String, String> target, Map<String, String> env) {
        HOST_ONLY.forEach(target::remove);
        target.putAll(env);
    }

    /** What runs for every task. */
    public ProcessSpec spec() {
        return spec;
    }

    /** Every workload started so far, running or not. */
    public List<RunningWorkload> workloads() {
        return List.copyOf(started);
    }

    /** Kills every process tree still running and waits (bounded) for each process to be gone. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        killAll();
        synchronized (this) {
            if (guard != null) {
                guard.close();
            }
        }
        closedLatch.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(safetyNet);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook runs (or ran) anyway.
        }
    }

    /** Waits for the orderly close (bounded), then kills whatever still runs. */
    private void lastResort() {
        try {
            if (closedLatch.await(ORDERLY_CLOSE_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        killAll();
    }

    /** The guard's watcher, for tests that kill it too. */
    synchronized ProcessHandle guardProcess() {
        return guard == null ? null : guard.watcher();
    }

    private void killAll() {
        started.forEach(w -> w.signal(Signal.SIGKILL));
        for (ProcessWorkload w : started) {
            w.awaitGone(REAP_TIMEOUT);
        }
    }
}
