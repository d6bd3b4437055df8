package dev.spotsim.simulator.workload;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure no workload outlives spotsim, however spotsim ends. A small watcher process, in a session
 * of its own and deaf to signals, reads a pipe from this JVM and SIGKILLs every workload's process
 * group when the pipe closes: the kernel closes it when the JVM dies, even of kill -9. In case the
 * watcher dies too, a PID file per runtime lists the workloads; the next spotsim and
 * {@code spotsim cleanup} reap those of a spotsim that is gone ({@link #reap}). Workload runtimes and
 * SSM Run Command's child processes use it.
 */
public final class WorkloadGuard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkloadGuard.class);
    /** Overrides where PID files live (tests, several users sharing a temp directory). */
    public static final String DIR_PROPERTY = "spotsim.workloads.dir";
    private static final String SUFFIX = ".pids";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** +PID adds a process group, -PID forgets one, "exit" leaves quietly; end of input kills what is left. */
    private static final String WATCHER = String.join("\n",
            "trap '' HUP INT QUIT TERM PIPE",
            "pids=",
            "while IFS= read -r line; do",
            "  case \"$line\" in",
            "    +*) pids=\"$pids ${line#+}\" ;;",
            "    -*) x=${line#-}; kept=; for p in $pids; do [ \"$p\" = \"$x\" ] || kept=\"$kept $p\"; done; pids=$kept ;;",
            "    exit) exit 0 ;;",
            "  esac",
            "done",
            "for p in $pids; do kill -s KILL -- \"-$p\" 2>/dev/null; kill -s KILL \"$p\" 2>/dev/null; done");

    private final Path pidFile;
    private final Process watcher;
    private final OutputStream pipe;
    /** pid -> start time (epoch millis) of each workload still listed. */
    private final Map<Long, Long> listed = new LinkedHashMap<>();
    private boolean closed;

    private WorkloadGuard(Path pidFile, Process watcher) {
        this.pidFile = pidFile;
        this.watcher = watcher;
        this.pipe = watcher.getOutputStream();
    }

    /** {@link #reap} in the default directory ({@code spotsim cleanup}, a new process runtime, SSM's first command). */
    public static List<String> reapLeftovers() {
        return reap(directory());
    }

    /** Starts a guard with {@code setsid} when the machine has it (so the watcher outlives a Ctrl-C to our process group). */
    public static WorkloadGuard start() throws IOException {
        return start(List.of("/usr/bin/setsid", "/bin/setsid").stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null));
    }

    /** Starts the watcher and creates this runtime's PID file in {@link #directory()}. */
    static WorkloadGuard start(String setsid) throws IOException {
        Path dir = directory();
        Files.createDirectories(dir);
        ProcessHandle self = ProcessHandle.current();
        long started = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        Path file = dir.resolve(self.pid() + "-" + started + "-" + SEQUENCE.incrementAndGet() + SUFFIX);
        Files.writeString(file, "");
        List<String> argv = new ArrayList<>();
        if (setsid != null) {
            argv.add(setsid);
        }
        argv.addAll(List.of("/bin/sh", "-c", WATCHER, "spotsim-workload-guard"));
        Process watcher = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return new WorkloadGuard(file, watcher);
    }

    /** Where PID files live: {@code spotsim.workloads.dir}, else {@code <tmp>/spotsim-<user>/workloads}. */
    static Path directory() {
        String configured = System.getProperty(DIR_PROPERTY);
        return configured != null ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "spotsim-" + System.getProperty("user.name", "user"), "workloads");
    }

    /** Guards a workload started in its own process group (its pid is the group's id). */
    public synchronized void add(ProcessHandle workload) {
        if (closed) {
            return;
        }
        listed.put(workload.pid(), startMillis(workload).orElse(0L));
        tell("+" + workload.pid());
        writePidFile();
    }

    /** The workload and its group are gone: its pid may be reused, so it must not be killed any more. */
    public synchronized void remove(long pid) {
        if (closed || listed.remove(pid) == null) {
            return;
        }
        tell("-" + pid);
        writePidFile();
    }

    private void tell(String line) {
        try {
            pipe.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            pipe.flush();
        } catch (IOException e) {
            LOG.warn("the workload guard (pid {}) is gone ({}); the PID file {} still lets the next spotsim reap", watcher.pid(), e.getMessage(), pidFile);
        }
    }

    private void writePidFile() {
        StringBuilder text = new StringBuilder();
        listed.forEach((pid, start) -> text.append(pid).append(' ').append(start).append('\n'));
        try {
            Files.writeString(pidFile, text);
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", pidFile, e.getMessage());
        }
    }

    /** The runtime closed with its workloads gone: the watcher leaves without killing anything, the PID file goes. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        tell("exit");
        try {
            pipe.close();
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", pidFile, e.getMessage());
        }
    }

    /** The watcher's process, for tests that kill it. */
    ProcessHandle watcher() {
        return watcher.toHandle();
    }

    Path pidFile() {
        return pidFile;
    }

    private static Optional<Long> startMillis(ProcessHandle h) {
        return h.info().startInstant().map(Instant::toEpochMilli);
    }

    /**
     * Kills the workloads that PID files list for a spotsim that is no longer running (the pid is gone or
     * belongs to a later process), and removes those files. Each workload is checked by its start time
     * too, so a reused pid is never killed. Returns one line per workload reaped.
     */
    public static List<String> reap(Path dir) {
        List<String> reaped = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return reaped;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                String[] owner = file.getFileName().toString().split("-");
                if (owner.length < 3 || ownerRuns(Long.parseLong(owner[0]), Long.parseLong(owner[1]))) {
                    continue;
                }
                for (String line : Files.readAllLines(file)) {
                    String[] f = line.trim().split(" ");
                    if (f.length == 2 && kill(Long.parseLong(f[0]), Long.parseLong(f[1]))) {
                        reaped.add("pid " + f[0] + " (left by spotsim pid " + owner[0] + ")");
                    }
                }
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the workload PID files in " + dir + ": " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            LOG.warn("a PID file in {} is not spotsim's: {}", dir, e.getMessage());
        }
        return reaped;
    }

    private static boolean ownerRuns(long pid, long startMillis) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).flatMap(WorkloadGuard::startMillis)
                .map(s -> s == startMillis).orElse(false);
    }

    /** SIGKILL to the workload's group and itself, if that pid is still the workload (same start time). */
    private static boolean kill(long pid, long startMillis) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (h.isEmpty() || startMillis == 0 || !startMillis(h.get()).map(s -> s == startMillis).orElse(false)) {
            return false;
        }
        Signals.killGroup(pid);
        h.get().destroyForcibly();
        return true;
    }
}
