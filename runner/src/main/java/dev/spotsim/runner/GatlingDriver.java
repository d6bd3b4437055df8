package dev.spotsim.runner;

import dev.spotsim.gatling.GatlingLoad;
import dev.spotsim.gatling.LoadResult;
import dev.spotsim.scenarios.model.LoadSpec;
import java.net.URI;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The scenario's load through Gatling, in this JVM; every request goes into the run's request log. */
final class GatlingDriver implements LoadDriver {
    private static final Logger LOG = LoggerFactory.getLogger(GatlingDriver.class);
    private final GatlingLoad load;

    GatlingDriver(LoadSpec spec, URI target, Path resultsDir, RequestLog log) {
        this.load = new GatlingLoad(spec, target, resultsDir, outcome -> log.add(outcome.start(), outcome.latency(), outcome.failureCause()));
    }

    @Override
    public void run() {
        LoadResult result = load.run();
        LOG.info("Gatling finished: exit {}, {} requests, {} failed, report {}", result.gatlingExitCode(), result.requests(),
                result.failures(), result.reportDir());
    }

    @Override
    public java.util.concurrent.CompletionStage<java.time.Instant> started() {
        return load.started();
    }

    @Override
    public void stop() {
        load.stop();
    }
}
