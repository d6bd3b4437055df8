package dev.spotsim.simulator.workload.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import dev.spotsim.scenarios.model.ContainerSpec;
import dev.spotsim.simulator.workload.ExecResult;
import dev.spotsim.simulator.workload.RunningWorkload;
import dev.spotsim.simulator.workload.Signal;
import dev.spotsim.simulator.workload.WorkloadExit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's container: signals by {@code kill} with a signal (never an opaque {@code docker stop}, so the lane
 * records every instant), exec inside, exit code and OOM from inspect, stdout and stderr streamed to the log.
 */
public final class RunningContainer implements RunningWorkload {
    private static final Logger log = LoggerFactory.getLogger(RunningContainer.class);

    private final DockerClient client;
    private final String id;
    private final String taskId;
    private final ContainerSpec spec;
    private final ImageConfig image;
    private final Path logFile;
    private final Clock clock;
    private final CompletableFuture<WorkloadExit> exit = new CompletableFuture<>();
    private final List<SentSignal> sent = new ArrayList<>();
    private final Runnable onRemove;
    private final BridgeHop hop;
    private volatile LogSink logs;
    private volatile boolean removed;

    RunningContainer(DockerClient client, String id, String taskId, ContainerSpec spec, ImageConfig image, Path logFile, Clock clock,
                     Runnable onRemove, BridgeHop hop) {
        this.client = client;
        this.hop = hop;
        this.id = id;
        this.taskId = taskId;
        this.spec = spec;
        this.image = image;
        this.logFile = logFile;
        this.clock = clock;
        this.onRemove = onRemove;
    }

    /** A signal the platform sent, and when (on spotsim's clock). */
    public record SentSignal(Signal signal, Instant at) {
    }

    /** Starts streaming logs into the log file and watching for the exit. */
    void follow() throws IOException {
        logs = new LogSink(Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        client.logContainerCmd(id).withFollowStream(true).withStdOut(true).withStdErr(true).exec(logs);
        Thread waiter = new Thread(this::awaitExit, "container-wait-" + shortId());
        waiter.setDaemon(true);
        waiter.start();
    }

    private void awaitExit() {
        try {
            client.waitContainerCmd(id).start().awaitStatusCode();
        } catch (RuntimeException e) {
            log.debug("wait on {} ended: {}", shortId(), DockerEngine.rootMessage(e));
        }
        try {
            completeFrom(client.inspectContainerCmd(id).exec().getState());
        } catch (NotFoundException e) {
            // Removed before it exited (remove() force-kills): SIGKILL is what ended it.
            exit.complete(new WorkloadExit(clock.instant(), 137, Signal.SIGKILL, false));
        }
    }

    /**
     * Completes the exit from the engine's state once it no longer runs, at the engine's FinishedAt: the engine's
     * wait answers a second or two late on a busy host (Podman), and the drain time must not include that.
     */
    private void completeFrom(InspectContainerResponse.ContainerState state) {
        if (Boolean.TRUE.equals(state.getRunning()) || exit.isDone()) {
            return;
        }
        int code = state.getExitCodeLong() == null ? 137 : state.getExitCodeLong().intValue();
        boolean oom = Boolean.TRUE.equals(state.getOOMKilled());
        exit.complete(new WorkloadExit(finishedAt(state.getFinishedAt()), code, code > 128 ? Signal.ofNumber(code - 128) : null, oom));
    }

    private Instant finishedAt(String engineTime) {
        Instant now = clock.instant();
        try {
            Instant finished = Instant.parse(engineTime);
            // A zero time (never finished) or one ahead of ours (clock skew with a remote engine): take ours.
            return finished.isBefore(Instant.parse("2000-01-01T00:00:00Z")) || finished.isAfter(now) ? now : finished;
        } catch (RuntimeException e) {
            return now;
        }
    }

    @Override
    public String taskId() {
        return taskId;
    }

    public String id() {
        return id;
    }

    private String shortId() {
        return id.substring(0, 12);
    }

    @Override
    public String describe() {
        return "container " + shortId() + " (" + spec.image() + ")";
    }

    @Override
    public void signal(Signal signal) {
        if (exit.isDone() || removed) {
            return;
        }
        synchronized (sent) {
            sent.add(new SentSignal(signal, clock.instant()));
        }
        try {
            client.killContainerCmd(id).withSignal(signal.name()).exec();
        } catch (NotFoundException | ConflictException e) {
            log.debug("{} already stopped: {} not delivered", describe(), signal);
        }
    }

    /** The signals sent so far, oldest first. */
    public List<SentSignal> signalsSent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /** The scenario's stopSignal, else the image's STOPSIGNAL, else SIGTERM. */
    @Override
    public Signal stopSignal() {
        return ImageAdvice.stopSignal(spec, image);
    }

    /**
     * Why it did not drain: first a notice it could not read (IMDSv2 tokens dropped at the bridge hop), else what in
     * the image made it miss its stop signal (see {@link ImageAdvice#undrainedHint}); null when nothing.
     */
    @Override
    public String undrainedHint(WorkloadExit how) {
        String network = hop == null ? null : hop.unansweredTokenHint();
        return network != null ? network : ImageAdvice.undrainedHint(spec, image, how);
    }

    @Override
    public ExecResult exec(List<String> argv, Duration timeout) throws IOException {
        ExecCreateCmdResponse created;
        try {
            created = client.execCreateCmd(id).withCmd(argv.toArray(String[]::new)).withAttachStdout(true).withAttachStderr(true).exec();
        } catch (NotFoundException | ConflictException e) {
            throw new IOException("exec in " + describe() + ": it is not running", e);
        }
        StringBuilder output = new StringBuilder();
        ResultCallback.Adapter<Frame> collector = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                synchronized (output) {
                    output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }
        };
        boolean finished;
        try {
            finished = client.execStartCmd(created.getId()).exec(collector).awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + argv + " in " + describe(), e);
        } finally {
            collector.close();
        }
        String text;
        synchronized (output) {
            text = output.toString();
        }
        appendToLog("[exec " + String.join(" ", argv) + "]\n" + text);
        if (!finished) {
            return new ExecResult(124, text);
        }
        Long code = client.inspectExecCmd(created.getId()).exec().getExitCodeLong();
        return new ExecResult(code == null ? 1 : code.intValue(), text);
    }

    private void appendToLog(String text) {
        LogSink sink = logs;
        if (sink != null) {
            sink.write(text.endsWith("\n") || text.isEmpty() ? text : text + "\n");
        }
    }

    @Override
    public CompletableFuture<WorkloadExit> onExit() {
        return exit;
    }

    /** Asks the engine when the exit is not known yet, so a deadline never SIGKILLs a container that already exited. */
    @Override
    public boolean isAlive() {
        if (exit.isDone() || removed) {
            return false;
        }
        try {
            completeFrom(client.inspectContainerCmd(id).exec().getState());
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            log.debug("inspect of {} failed: {}", shortId(), DockerEngine.rootMessage(e));
        }
        return !exit.isDone();
    }

    @Override
    public Path log() {
        return logFile;
    }

    @Override
    public List<String> logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return List.of("(log unreadable: " + e.getMessage() + ")");
        }
    }

    @Override
    public synchronized void remove() {
        if (removed) {
            return;
        }
        removed = true;
        onRemove.run();
        try {
            client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            log.debug("{} was already removed", describe());
        }
        LogSink sink = logs;
        if (sink != null) {
            sink.closeQuietly();
        }
    }

    /** Writes the engine's log frames (stdout and stderr, in order) to the task's log file. */
    private static final class LogSink extends ResultCallback.Adapter<Frame> {
        private final OutputStream out;

        LogSink(OutputStream out) {
            this.out = out;
        }

        @Override
        public void onNext(Frame frame) {
            write(frame.getPayload());
        }

        synchronized void write(String text) {
            write(text.getBytes(StandardCharsets.UTF_8));
        }

        private synchronized void write(byte[] bytes) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                log.debug("log write failed: {}", e.getMessage());
            }
        }

        @Override
        public void onComplete() {
            closeQuietly();
            super.onComplete();
        }

        synchronized void closeQuietly() {
            try {
                out.close();
                close();
            } catch (IOException e) {
                log.debug("closing a log: {}", e.getMessage());
            }
        }
    }
}
