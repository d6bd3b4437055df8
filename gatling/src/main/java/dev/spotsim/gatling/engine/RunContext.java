package dev.spotsim.gatling.engine;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.spotsim.gatling.FailureCause;
import dev.spotsim.gatling.RequestListener;
import dev.spotsim.gatling.RequestOutcome;
import dev.spotsim.scenarios.model.LoadSpec;

/**
 * Everything one load run shares with the classes Gatling instantiates: what to run, where to
 * report each finished request, and the switch that stops it. Lives from launch to the end of the run.
 */
public final class RunContext {
    private static final Logger LOG = LoggerFactory.getLogger(RunContext.class);

    private final String id = UUID.randomUUID().toString();
    private final LoadSpec load;
    private final URI baseUrl;
    private final Class<?> userSimulation;
    private final RequestListener listener;
    private final StopSwitch stopSwitch = new StopSwitch();
    private final LongAdder requests = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final AtomicBoolean listenerFailed = new AtomicBoolean();
    private final AtomicBoolean crashReported = new AtomicBoolean();
    private volatile boolean open = true;
    private volatile boolean simulationCompleted;
    private volatile boolean stoppedEarly;

    /**
     * @param userSimulation the user's Simulation class, or null to generate one from the load section
     */
    public RunContext(LoadSpec load, URI baseUrl, Class<?> userSimulation, RequestListener listener) {
        this.load = Objects.requireNonNull(load, "load");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.userSimulation = userSimulation;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public String id() {
        return id;
    }

    LoadSpec load() {
        return load;
    }

    URI baseUrl() {
        return baseUrl;
    }

    Class<?> userSimulation() {
        return userSimulation;
    }

    StopSwitch stopSwitch() {
        return stopSwitch;
    }

    /** Asks Gatling to end the run early (gracefully: its report is still written). */
    public void requestStop() {
        if (!simulationCompleted) {
            stoppedEarly = true;
        }
        stopSwitch.request();
    }

    /** Whether a stop was asked for before the simulation had completed on its own. */
    public boolean stoppedEarly() {
        return stoppedEarly;
    }

    /** Completes with the time Gatling started injecting; fails if the run ended before that. */
    public CompletionStage<Instant> whenStarted() {
        return stopSwitch.whenStarted();
    }

    public boolean stopRequested() {
        return stopSwitch.requested();
    }

    /** Whether Gatling finished running the simulation (what may still fail after that is its report). */
    public boolean simulationCompleted() {
        return simulationCompleted;
    }

    void markSimulationCompleted() {
        simulationCompleted = true;
    }

    public long requests() {
        return requests.sum();
    }

    public long failures() {
        return failures.sum();
    }

    /** Stops reporting to the listener: nothing of this run may reach it after its run() returned. */
    public void close() {
        open = false;
        stopSwitch.close();
    }

    /**
     * One finished request as Gatling recorded it.
     *
     * @param ok Gatling's verdict (its checks; by default a 2xx or 304 answer)
     * @param status the HTTP status, 0 when no answer came
     * @param message Gatling's error message when not ok, else null
     */
    void record(String name, long startMillis, long endMillis, boolean ok, int status, String message) {
        if (!open) {
            return;
        }
        requests.increment();
        String cause = ok ? null : FailureCause.of(status, message);
        if (!ok) {
            failures.increment();
        }
        notifyListener(new RequestOutcome(name, Instant.ofEpochMilli(startMillis), Instant.ofEpochMilli(endMillis), status, cause));
    }

    /**
     * Gatling could not send a request at all (e.g. a bad expression in a user's Simulation). Like
     * Gatling's report, this is an error, not a request; say it once so a run of nothing but crashes is noticed.
     */
    void recordCrash(String name, String error) {
        if (open && crashReported.compareAndSet(false, true)) {
            LOG.warn("Gatling could not send request '{}': {} (further such errors are in Gatling's report)", name, error);
        }
    }

    private void notifyListener(RequestOutcome outcome) {
        try {
            listener.onRequest(outcome);
        } catch (RuntimeException e) {
            // Gatling's threads must go on; say it once rather than once per request.
            if (listenerFailed.compareAndSet(false, true)) {
                LOG.warn("Request listener failed (further failures not logged): {}", e.toString(), e);
            }
        }
    }
}
