package dev.spotsim.simulator.workload;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the user's program on a simulated instance: started with its placement's environment,
 * its output appended to a log file, its SIGTERM, SIGKILL and exit recorded. Signals go to the whole
 * process tree, since a shell command may start children.
 *
 * <p>Exit codes follow Java's {@link Process#exitValue()} on Linux: a program ended by signal N
 * reports 128 + N (137 for SIGKILL, 143 for SIGTERM), exactly as a shell reports a child so ended. A
 * program that exits with such a code itself (a JVM leaving through its shutdown hooks on SIGTERM
 * exits 143) looks the same: {@link #signal()} tells what the code names, not how the process died.
 */
public final class WorkloadProcess {
    private static final Logger LOG = LoggerFactory.getLogger(WorkloadProcess.class);
    private final String id;
    private final Placement placement;
    private final Process process;
    private final Path log;
    private final Clock clock;
    private final WorkloadListener listener;
    private final Instant startedAt;
    /** Every descendant seen while signalling: once the program exits, its orphans are no longer its descendants. */
    private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Instant> terminatedAt = new AtomicReference<>();
    private final AtomicReference<Instant> killedAt = new AtomicReference<>();
    private volatile Instant exitedAt;
    private final CompletableFuture<WorkloadProcess> exit = new CompletableFuture<>();

    private WorkloadProcess(String id, Placement placement, Process process, Path log, Clock clock, WorkloadListener listener) {
        this.id = id;
        this.placement = placement;
        this.process = process;
        this.log = log;
        this.clock = clock;
        this.listener = listener;
        this.startedAt = clock.instant();
    }

    /** Tells the listener about the start, then about the exit: in that order, even for a program that exits at once. */
    private WorkloadProcess announce() {
        tell(l -> l.started(this, startedAt));
        process.onExit().thenAccept(p -> {
            exitedAt = clock.instant();
            tell(l -> l.exited(this, exitedAt, p.exitValue()));
            exit.complete(this);
        });
        return this;
    }

    /**
     * Starts {@code spec} at {@code placement}. Its environment is ours, then the spec's, then the
     * placement's (PORT, the IMDS endpoint and the like win: the balancer and the IMDS depend on them).
     * Output and errors are appended to {@code log}; we hold no handle on it, so it is closed when the
     * program (and any child that inherited it) ends.
     */
    public static WorkloadProcess start(String id, ProcessSpec spec, Placement placement, Path log, Clock clock, WorkloadListener listener) {
        Placement actual = placement.port() == 0 ? placement.withPort(freeLoopbackPort()) : placement;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder pb = new ProcessBuilder(spec.argv())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (spec.workingDir() != null) {
                pb.directory(spec.workingDir().toFile());
            }
            Map<String, String> env = pb.environment();
            // Settings of the machine we run on must not leak in: the workload lives on the simulated instance.
            Placement.HOST_ONLY.forEach(env::remove);
            env.putAll(spec.environment());
            env.putAll(actual.variables());
            return new WorkloadProcess(id, actual, pb.start(), log, clock, listener).announce();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start workload " + id + " (" + spec.commandLine() + "): " + e.getMessage(), e);
        }
    }

    private static int freeLoopbackPort() {
        // Closed again before the program binds it: another process could take it in between; unlikely on loopback.
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for a workload: " + e.getMessage(), e);
        }
    }

    /** SIGTERM to every live process of the tree (Java's destroy() sends SIGTERM on Linux). */
    public void terminate() {
        signal(terminatedAt, ProcessHandle::destroy, WorkloadListener::terminated);
    }

    /** SIGKILL to every live process of the tree. */
    public void kill() {
        signal(killedAt, ProcessHandle::destroyForcibly, WorkloadListener::killed);
    }

    private void signal(AtomicReference<Instant> firstTime, Consumer<ProcessHandle> send, Event event) {
        // The tree is listed before anything is signalled: a shell that dies first would orphan its children.
        List<ProcessHandle> tree = liveTree();
        if (tree.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        tree.forEach(send);
        if (firstTime.compareAndSet(null, now)) {
            tell(l -> event.on(l, this, now));
        }
    }

    /** The program and every descendant still alive, including those orphaned since we last looked. */
    List<ProcessHandle> liveTree() {
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        tree.add(process.toHandle());
        process.descendants().forEach(seen::add);
        tree.addAll(seen);
        return tree.stream().filter(ProcessHandle::isAlive).toList();
    }

    private void tell(Consumer<WorkloadListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            LOG.warn("a workload listener failed on {}: {}", id, e.toString(), e);
        }
    }

    private interface Event {
        void on(WorkloadListener listener, WorkloadProcess process, Instant at);
    }

    /** Completes when the program has exited (its own process; see {@link #liveTree()} for the rest). */
    public CompletableFuture<WorkloadProcess> onExit() {
        return exit;
    }

    public String id() {
        return id;
    }

    public String instanceId() {
        return placement.instanceId();
    }

    /** Where it runs, with the port it was actually given. */
    public Placement placement() {
        return placement;
    }

    public int port() {
        return placement.port();
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** When SIGTERM was first sent, or null. */
    public Instant terminatedAt() {
        return terminatedAt.get();
    }

    /** When SIGKILL was first sent, or null. */
    public Instant killedAt() {
        return killedAt.get();
    }

    /** When the program exited, or null while it runs. */
    public Instant exitedAt() {
        return exitedAt;
    }

    /** The exit code once exited (128 + N when signal N ended it), else null. */
    public Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    /** The signal the exit code names (above 128), if any: 9 for SIGKILL, 15 for SIGTERM. */
    public OptionalInt signal() {
        Integer code = exitCode();
        return code != null && code > 128 && code <= 128 + 64 ? OptionalInt.of(code - 128) : OptionalInt.empty();
    }

    /** Whether it exited after we sent SIGKILL (rather than on its own, or after SIGTERM alone). */
    public boolean wasKilled() {
        Instant killed = killedAt.get();
        return killed != null && exitedAt != null && !exitedAt.isBefore(killed);
    }

    @Override
    public String toString() {
        return "workload " + id + " (pid " + pid() + ") on " + instanceId();
    }
}
