package dev.spotsim.cli.gameday;

import dev.spotsim.gameday.ssm.LoadSummary;
import dev.spotsim.gatling.GatlingLoad;
import dev.spotsim.gatling.figures.FiguresRecorder;
import dev.spotsim.gatling.figures.LoadFigures;
import dev.spotsim.scenarios.model.Scenario;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --drive-load URL}: the scenario's load from this machine, by Gatling in this JVM, beside the
 * game day. Its figures so far feed {@code failedRequests} stop conditions; at the end they merge into
 * the record with the generators'. Closing it stops the load.
 */
final class LocalLoad implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalLoad.class);

    private final GatlingLoad gatling;
    private final FiguresRecorder recorder = new FiguresRecorder();
    private final URI target;
    private final Instant startedAt = Instant.now();
    private final Thread thread;

    private LocalLoad(Scenario scenario, URI target, Path resultsDir) {
        if (scenario.load() == null) {
            throw new IllegalArgumentException("--drive-load: the scenario has no load section to drive");
        }
        this.target = target;
        this.gatling = new GatlingLoad(scenario.load(), target, resultsDir, recorder);
        this.thread = new Thread(() -> {
            try {
                gatling.run();
            } catch (RuntimeException e) {
                LOG.error("the load from this machine failed: {}", e.getMessage());
            }
        }, "spotsim-gameday-load");
    }

    static LocalLoad start(Scenario scenario, URI target, Path resultsDir) {
        LocalLoad load = new LocalLoad(scenario, target, resultsDir);
        load.thread.start();
        return load;
    }

    /** Requests and failures so far: what a failedRequests stop condition reads. */
    LoadSummary sofar() {
        long[] counts = recorder.sofar();
        return new LoadSummary(counts[0], counts[1]);
    }

    /** Stops the load if it still runs and returns its figures. */
    LoadFigures finish() {
        close();
        return recorder.figures(target, startedAt, Instant.now());
    }

    @Override
    public void close() {
        gatling.stop();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
