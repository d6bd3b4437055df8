package dev.spotsim.simulator.events.sink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@code /bin/sh -c} command to completion on the calling thread (never an event loop):
 * input on stdin, extra environment, stdout and stderr together, capped; past its timeout the
 * command and everything it started are killed.
 */
final class ShellCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ShellCommand.class);
    /** Output kept per run; the rest is counted, not stored. */
    static final int OUTPUT_CAP_BYTES = 16 * 1024;
    private static final Duration REAP = Duration.ofSeconds(5);

    /** How one run ended: an exit code, or none when it could not start or was killed at its timeout. */
    record Outcome(Instant started, Duration took, Integer exitCode, boolean timedOut, String output) {
    }

    private ShellCommand() {
    }

    static Outcome run(String command, Map<String, String> environment, String stdin, Duration timeout) {
        Instant started = Instant.now();
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true);
        pb.environment().putAll(environment);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Outcome(started, Duration.ZERO, null, false, "cannot start /bin/sh: " + e.getMessage());
        }
        // stdin and stdout get their own threads, so a command that reads nothing or prints a lot still meets its timeout.
        Thread writer = daemon("spotsim-command-stdin", () -> feed(p.getOutputStream(), stdin));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = daemon("spotsim-command-output", () -> drain(p.getInputStream(), output));
        boolean finished = waitFor(p, timeout);
        if (!finished) {
            // Children first: once the shell is gone they would be re-parented out of reach.
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            waitFor(p, REAP);
        }
        join(writer);
        join(reader);
        String text;
        synchronized (output) {
            text = output.toString(StandardCharsets.UTF_8);
        }
        return new Outcome(started, Duration.between(started, Instant.now()), finished ? p.exitValue() : null, !finished, text);
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void feed(OutputStream stdin, String text) {
        try (stdin) {
            stdin.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.debug("the command closed its stdin before reading it all: {}", e.getMessage());
        }
    }

    private static void drain(InputStream in, ByteArrayOutputStream output) {
        byte[] buffer = new byte[4096];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                synchronized (output) {
                    output.write(buffer, 0, Math.min(n, Math.max(0, OUTPUT_CAP_BYTES - output.size())));
                }
            }
        } catch (IOException e) {
            LOG.debug("command output closed: {}", e.getMessage());
        }
    }

    /** False on timeout; an interrupt (the sink closing) counts as a timeout, so the process is killed. */
    private static boolean waitFor(Process p, Duration timeout) {
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void join(Thread t) {
        try {
            t.join(REAP.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
