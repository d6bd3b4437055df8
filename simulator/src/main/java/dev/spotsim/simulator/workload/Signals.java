package dev.spotsim.simulator.workload;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signals Java cannot send by itself: any signal by name, and SIGKILL to a whole process group.
 * Both run {@code kill(1)}; a signal is rare enough that a short-lived process per signal is fine.
 */
final class Signals {
    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    /** Sends {@code signal} to one process. */
    static void send(Signal signal, long pid) {
        run(List.of("-s", signal.name().substring(3), "--", Long.toString(pid)));
    }

    /** SIGKILL to every process of the group {@code pgid} (a workload started in its own session leads one). */
    static void killGroup(long pgid) {
        run(List.of("-s", "KILL", "--", "-" + pgid));
    }

    private static void run(List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add("kill");
        argv.addAll(args);
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            // A non-zero exit means the target is gone already: nothing to do.
        } catch (IOException e) {
            LOG.warn("cannot run {}: {}", String.join(" ", argv), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
