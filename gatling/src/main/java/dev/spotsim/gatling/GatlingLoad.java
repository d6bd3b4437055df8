package dev.spotsim.gatling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.spotsim.gatling.engine.ActiveRuns;
import dev.spotsim.gatling.engine.HostSimulation;
import dev.spotsim.gatling.engine.RunContext;
import dev.spotsim.gatling.engine.UserSimulations;
import dev.spotsim.scenarios.model.LoadSpec;
import io.gatling.app.Gatling$;
import io.gatling.shared.cli.GatlingCliOptions;

/**
 * One load run: built from a scenario's load section (or the user's Simulation class) against a
 * base URL, run by Gatling in-process, its HTML report written under the results directory.
 *
 * <p>Every request that finishes reaches the listener with Gatling's own timing, status and error,
 * for the generated simulation and for a user's Simulation alike (see the engine package). A user's
 * Simulation sets its own injection: the load section's rate, ramp and duration do not apply to it;
 * it finds the target in the {@link #BASE_URL_PROPERTY} system property.
 * Gatling keeps JVM-wide state, so runs in one JVM take turns; each is used once.
 * The JVM needs {@code --add-opens=java.base/java.lang=ALL-UNNAMED}.
 */
public final class GatlingLoad {
    /**
     * While a load runs, this system property holds its base URL, for a user's Simulation to read
     * (in an instance field, not a static one, so each run sees its own): the target's port is
     * chosen at run time.
     */
    public static final String BASE_URL_PROPERTY = ActiveRuns.BASE_URL_PROPERTY;

    private static final Logger LOG = LoggerFactory.getLogger(GatlingLoad.class);
    private static final ReentrantLock ONE_RUN_AT_A_TIME = new ReentrantLock();

    private final RunContext run;
    private final Path resultsDir;
    private final AtomicBoolean used = new AtomicBoolean();

    /**
     * @param load what to run; a named Simulation class must be on the classpath (the context class loader's, else ours)
     * @param baseUrl where the generated simulation sends its requests (http or https)
     * @param resultsDir where Gatling writes its log and report (created if missing)
     * @param listener told of every finished request, from Gatling's threads
     * @throws IllegalArgumentException if the Simulation class cannot be used or the base URL is not http(s)
     */
    public GatlingLoad(LoadSpec load, URI baseUrl, Path resultsDir, RequestListener listener) {
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme())) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("base URL: expected http://host:port, got \"" + baseUrl + "\"");
        }
        this.resultsDir = Objects.requireNonNull(resultsDir, "resultsDir");
        Class<?> userSimulation = load.simulation() == null ? null : UserSimulations.find(load.simulation(), classLoader());
        this.run = new RunContext(load, baseUrl, userSimulation, listener);
    }

    /**
     * Runs Gatling in-process on the calling thread until the injection ends or {@link #stop()} is
     * called; blocking.
     *
     * @throws GatlingLoadException if Gatling could not run (e.g. the user's Simulation failed to build)
     * @throws IllegalStateException if this load already ran
     */
    public LoadResult run() {
        if (!used.compareAndSet(false, true)) {
            throw new IllegalStateException("this load already ran; build a new GatlingLoad");
        }
        ONE_RUN_AT_A_TIME.lock();
        try {
            if (run.stopRequested()) {
                run.close();
                return new LoadResult(0, null, 0, 0, true);
            }
            Set<Path> earlierReports = reportDirs();
            GatlingVersionCheck.seed(Instant.now());
            int exitCode;
            ActiveRuns.Launch launch = ActiveRuns.launch(run);
            try {
                exitCode = Gatling$.MODULE$.fromArgs(arguments());
            } catch (RuntimeException | AssertionError e) {
                if (!run.simulationCompleted()) {
                    throw new GatlingLoadException("Gatling could not run the load: " + (e.getMessage() != null ? e.getMessage() : e), e);
                }
                // The load ran; only the report failed, as Gatling's does for a run that sent nothing or
                // lasted no time (stopped at once). The figures are ours anyway.
                LOG.warn("Gatling wrote no report: {}", e.toString());
                exitCode = 0;
            } finally {
                launch.close();
            }
            Set<Path> newReports = reportDirs();
            newReports.removeAll(earlierReports);
            Path report = newReports.stream().findFirst().orElse(null);
            LOG.info("Load ended: {} requests, {} failed, Gatling exit code {}, report {}", run.requests(), run.failures(), exitCode, report);
            return new LoadResult(exitCode, report, run.requests(), run.failures(), run.stoppedEarly());
        } finally {
            ONE_RUN_AT_A_TIME.unlock();
        }
    }

    /**
     * Completes with the time Gatling started injecting, once it has (a cold JVM takes a few seconds
     * to get there after run() is called): the moment to start playing a schedule against the load.
     * Fails if the run ends (or is stopped, or crashes) before it started.
     */
    public CompletionStage<Instant> started() {
        return run.whenStarted();
    }

    /**
     * Ends the load early (Ctrl-C): Gatling stops injecting and ends the run gracefully, so run()
     * returns soon after with Gatling's report still written. Thread-safe, idempotent; before run(),
     * run() returns at once without load.
     */
    public void stop() {
        run.requestStop();
    }

    private String[] arguments() {
        return new String[] {
            GatlingCliOptions.Simulation.longOption(), HostSimulation.class.getName(),
            GatlingCliOptions.ResultsFolder.longOption(), resultsDir.toAbsolutePath().toString(),
        };
    }

    /** Report directories (with an index.html) in the results directory, created if missing. */
    private Set<Path> reportDirs() {
        try {
            Files.createDirectories(resultsDir);
            try (Stream<Path> children = Files.list(resultsDir)) {
                return children.filter(dir -> Files.isRegularFile(dir.resolve("index.html"))).collect(Collectors.toCollection(HashSet::new));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("results directory " + resultsDir + ": " + e.getMessage(), e);
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : GatlingLoad.class.getClassLoader();
    }
}
