package dev.spotsim.runner;

import dev.spotsim.scenarios.model.LoadSpec;
import java.net.URI;
import java.nio.file.Path;

/** The load a run drives through the balancer while the schedule plays. */
interface LoadDriver {
    /** Runs until the load's duration is over or {@link #stop()} is called; blocking. */
    void run();

    /** When the first requests go out: the schedule counts from here. Completes exceptionally if the load never starts. */
    java.util.concurrent.CompletionStage<java.time.Instant> started();

    /** Ends the load early; {@link #run()} returns soon after. Idempotent, any thread. */
    void stop();

    /** Builds the load of a scenario against {@code target}, recording every request in {@code log}. */
    @FunctionalInterface
    interface Factory {
        LoadDriver create(LoadSpec load, URI target, Path resultsDir, RequestLog log);
    }
}
