package dev.spotsim.simulator.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * One run of the user's program: started with {@code /bin/sh -c "exec <command>"} (so the program,
 * not a shell, receives the signals), its output appended to a log file, its SIGTERM, SIGKILL and
 * exit recorded. Signals go to the whole process tree, since a command may start children.
 */
public final class WorkloadProcess {
    private final String id;
    private final String instanceId;
    private final Process process;
    private final Clock clock;
    private final Instant started;
    private final Path log;
    private volatile Instant terminatedAt;
    private volatile Instant killedAt;
    private volatile Instant exitedAt;
    private final CompletableFuture<WorkloadProcess> exit;

    private WorkloadProcess(String id, String instanceId, Process process, Clock clock, Path log) {
        this.id = id;
        this.instanceId = instanceId;
        this.process = process;
        this.clock = clock;
        this.started = clock.instant();
        this.log = log;
        this.exit = process.onExit().thenApply(p -> {
            exitedAt = clock.instant();
            return this;
        });
    }

    /** Starts {@code command} with {@code environment} added to ours; output goes to {@code log}. */
    public static WorkloadProcess start(String id, String instanceId, String command, Path workingDir, Map<String, String> environment,
                                        Path log, Clock clock) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            // A plain command is exec'd so the program itself gets our signals; a pipeline or list keeps its shell.
            boolean plain = !command.matches("(?s).*[;&|\\n].*");
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", plain ? "exec " + command : command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            if (workingDir != null) {
                pb.directory(workingDir.toFile());
            }
            pb.environment().putAll(environment);
            return new WorkloadProcess(id, instanceId, pb.start(), clock, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start workload " + id + " (" + command + "): " + e.getMessage(), e);
        }
    }

    public String id() {
        return id;
    }

    public String instanceId() {
        return instanceId;
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

    /** SIGTERM to the program and its descendants (Java's destroy() sends SIGTERM on Linux). */
    public void terminate() {
        if (!process.isAlive()) {
            return;
        }
        if (terminatedAt == null) {
            terminatedAt = clock.instant();
        }
        tree().forEach(ProcessHandle::destroy);
    }

    /** SIGKILL to the program and its descendants. */
    public void kill() {
        if (!process.isAlive()) {
            return;
        }
        if (killedAt == null) {
            killedAt = clock.instant();
        }
        tree().forEach(ProcessHandle::destroyForcibly);
    }

    private Stream<ProcessHandle> tree() {
        List<ProcessHandle> descendants = process.descendants().toList();
        return Stream.concat(Stream.of(process.toHandle()), descendants.stream());
    }

    /** Completes when the program has exited. */
    public CompletableFuture<WorkloadProcess> onExit() {
        return exit;
    }

    public Instant startedAt() {
        return started;
    }

    public Instant terminatedAt() {
        return terminatedAt;
    }

    public Instant killedAt() {
        return killedAt;
    }

    public Instant exitedAt() {
        return exitedAt;
    }

    /** The exit code once exited (128 + N when ended by signal N, as a shell reports it), else null. */
    public Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    /** The signal that ended the program, when the exit code says so (143 = SIGTERM, 137 = SIGKILL). */
    public String endedBySignal() {
        Integer code = exitCode();
        if (code == null || code <= 128) {
            return null;
        }
        return switch (code - 128) {
            case 9 -> "SIGKILL";
            case 15 -> "SIGTERM";
            case 2 -> "SIGINT";
            default -> "signal " + (code - 128);
        };
    }

    /** Whether it was SIGKILLed by us (rather than exiting after SIGTERM, or on its own). */
    public boolean wasKilled() {
        return killedAt != null && exitedAt != null && !exitedAt.isBefore(killedAt);
    }
}
