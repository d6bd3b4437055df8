package dev.spotsim.simulator.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's workload as a host process, in its own session and process group (so the terminal's
 * Ctrl-C does not reach it: the platform decides when it stops). A signal goes to the process that
 * was started, as Docker sends it to a container's PID 1; SIGKILL goes to its whole process group,
 * and once the started process exits whatever it left behind is killed, as a container's processes
 * die with its PID 1.
 *
 * <p>Exit codes follow Java's {@link Process#exitValue()} on Linux, as a shell reports them: 128 + N
 * when signal N ended it (137 SIGKILL, 143 SIGTERM). A JVM that leaves through its shutdown hooks on
 * SIGTERM also exits 143: the code says which signal it answered, not how it died.
 */
final class ProcessWorkload implements RunningWorkload {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessWorkload.class);
    private final WorkloadLaunch launch;
    private final Map<String, String> environment;
    private final Process process;
    private final Clock clock;
    /** Started through setsid: its pid is also its process group's id. */
    private final boolean ownGroup;
    /** Every descendant seen: once the program exits, its orphans are no longer its descendants. */
    private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<WorkloadExit> exit = new CompletableFuture<>();

    ProcessWorkload(WorkloadLaunch launch, Map<String, String> environment, Process process, boolean ownGroup, Clock clock) {
        this.launch = launch;
        this.ownGroup = ownGroup;
        this.environment = Map.copyOf(environment);
        this.process = process;
        this.clock = clock;
        process.onExit().thenAccept(p -> {
            WorkloadExit how = WorkloadExit.ofExitCode(clock.instant(), p.exitValue());
            // What the program left behind dies with it, as in a container whose PID 1 exited.
            killTree();
            exit.complete(how);
        });
    }

    @Override
    public String taskId() {
        return launch.taskId();
    }

    @Override
    public String describe() {
        return "pid " + process.pid();
    }

    public long pid() {
        return process.pid();
    }

    /** The port the balancer targets (the task's PORT). */
    int port() {
        return launch.port();
    }

    @Override
    public void signal(Signal signal) {
        if (signal == Signal.SIGKILL) {
            killTree();
            return;
        }
        ProcessHandle root = process.toHandle();
        if (!root.isAlive()) {
            return;
        }
        remember();
        if (signal == Signal.SIGTERM) {
            root.destroy(); // SIGTERM on Linux, without starting a process
        } else {
            Signals.send(signal, root.pid());
        }
    }

    /**
     * SIGKILL to every process of the tree seen so far and to the process group, which also holds the
     * orphans nobody saw (a pid is not reused while a group of that id has members).
     */
    private void killTree() {
        liveTree().forEach(ProcessHandle::destroyForcibly);
        if (ownGroup) {
            Signals.killGroup(process.pid());
        }
    }

    private void remember() {
        process.descendants().forEach(seen::add);
    }

    /** The program and every descendant still alive, including those orphaned since we last looked. */
    List<ProcessHandle> liveTree() {
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        tree.add(process.toHandle());
        remember();
        tree.addAll(seen);
        return tree.stream().filter(ProcessHandle::isAlive).toList();
    }

    @Override
    public ExecResult exec(List<String> argv, Duration timeout) throws IOException {
        Path output = Files.createTempFile("spotsim-exec-", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(ProcessRuntime.withDefaultSignals(argv)).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            if (launch.workingDir() != null) {
                pb.directory(launch.workingDir().toFile());
            }
            ProcessRuntime.applyEnvironment(pb.environment(), environment);
            Process p = pb.start();
            int code;
            try {
                code = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? p.exitValue() : 124;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                code = 124;
            }
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            byte[] bytes = Files.readAllBytes(output);
            Files.write(launch.log(), bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new ExecResult(code, new String(bytes, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    @Override
    public CompletableFuture<WorkloadExit> onExit() {
        return exit;
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public Path log() {
        return launch.log();
    }

    @Override
    public List<String> logTail(int lines) {
        return tail(launch.log(), lines);
    }

    /** The last {@code lines} lines of a text file, oldest first; empty when it does not exist. */
    static List<String> tail(Path file, int lines) {
        if (lines <= 0 || !Files.exists(file)) {
            return List.of();
        }
        Deque<String> last = new ArrayDeque<>(lines);
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            // Replaces what is not UTF-8 instead of failing on a binary log.
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            }
        } catch (java.nio.charset.MalformedInputException e) {
            return List.of("(the log is not UTF-8 text)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return List.copyOf(last);
    }

    @Override
    public void remove() {
        killTree();
    }

    /** Waits (bounded) until the program and every process of its tree seen so far are gone. */
    boolean awaitGone(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle h : liveTree()) {
            long left = deadline - System.nanoTime();
            try {
                h.onExit().get(Math.max(1, left), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                LOG.warn("process {} of {} still runs {} after SIGKILL", h.pid(), launch.taskId(), timeout);
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "workload " + launch.taskId() + " (pid " + process.pid() + ") on " + launch.instanceId();
    }
}
