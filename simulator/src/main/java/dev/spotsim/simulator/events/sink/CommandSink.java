package dev.spotsim.simulator.events.sink;

import dev.spotsim.simulator.events.Event;
import dev.spotsim.simulator.events.EventSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "EventBridge rule -> SSM Run Command" pattern from AWS's Spot guidance, locally: each
 * matching event runs a shell command, in the instance's environment, with the event JSON on stdin
 * (e.g. to checkpoint work before the instance goes). One command at a time, in event order; a
 * command that outlives its timeout is killed with its children.
 */
public final class CommandSink implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(CommandSink.class);
    private static final int OUTPUT_CAP = 24_000;
    private final String name;
    private final String command;
    private final Duration timeout;
    private final Function<Event, Map<String, String>> environment;
    private final ExecutorService runner;
    private final Deque<Result> results = new ArrayDeque<>();

    /** What one run of the command did. */
    public record Result(String eventId, Instant started, Duration took, Integer exitCode, boolean timedOut, String output) {
    }

    /** @param environment the variables for the event's instance (instance id, its IMDS endpoint, ...) */
    public CommandSink(String name, String command, Duration timeout, Function<Event, Map<String, String>> environment) {
        this.name = name;
        this.command = command;
        this.timeout = timeout;
        this.environment = environment;
        this.runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "spotsim-command-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(Event event) {
        runner.submit(() -> record(run(event)));
    }

    private Result run(Event event) {
        Instant started = Instant.now();
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true);
        pb.environment().putAll(environment.apply(event));
        pb.environment().put("SPOTSIM_EVENT_ID", event.id());
        pb.environment().put("SPOTSIM_EVENT_DETAIL_TYPE", event.detailType());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(event.id(), started, Duration.ZERO, null, false, "cannot start: " + e.getMessage());
        }
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write(event.toJsonLine().getBytes(StandardCharsets.UTF_8));
            stdin.write('\n');
        } catch (IOException e) {
            LOG.debug("command {} closed its stdin early: {}", name, e.getMessage());
        }
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> readCapped(p.getInputStream(), output), "spotsim-command-output");
        reader.setDaemon(true);
        reader.start();
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (output) {
            return new Result(event.id(), started, Duration.between(started, Instant.now()), finished ? p.exitValue() : null, !finished,
                    output.toString());
        }
    }

    private static void readCapped(InputStream in, StringBuilder output) {
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (output) {
                    if (output.length() < OUTPUT_CAP) {
                        output.append(new String(buffer, 0, n, StandardCharsets.UTF_8), 0, Math.min(n, OUTPUT_CAP - output.length()));
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("command output closed: {}", e.getMessage());
        }
    }

    private synchronized void record(Result r) {
        results.addLast(r);
        if (results.size() > 100) {
            results.removeFirst();
        }
        if (r.timedOut() || r.exitCode() == null || r.exitCode() != 0) {
            LOG.warn("command sink {} for event {}: {}", name, r.eventId(), r.timedOut() ? "killed after " + timeout.toSeconds() + "s" : "exit " + r.exitCode());
        }
    }

    /** The last runs, oldest first. */
    public synchronized List<Result> results() {
        return List.copyOf(results);
    }

    @Override
    public synchronized Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "command");
        m.put("command", command);
        m.put("runs", results.size());
        m.put("failed", results.stream().filter(r -> r.timedOut() || r.exitCode() == null || r.exitCode() != 0).count());
        return m;
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
