package dev.spotsim.gatling.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs being launched, by id. Gatling instantiates {@link HostSimulation} by class name with
 * no arguments, so the run's context reaches it through this registry and a system property naming
 * the run; {@link #launch} removes both when the run ends, so nothing leaks into the next run.
 */
public final class ActiveRuns {
    /** The system property naming the run Gatling is launching. */
    static final String RUN_PROPERTY = "spotsim.gatling.run";
    /** The system property a user's Simulation reads to find the target, set for the run's length. */
    public static final String BASE_URL_PROPERTY = "spotsim.baseUrl";

    private static final Map<String, RunContext> RUNS = new ConcurrentHashMap<>();

    private ActiveRuns() {
    }

    /** A registration, ended with {@link #close()}. */
    public interface Launch extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Makes the run visible to the Simulation Gatling is about to instantiate. Callers must not
     * launch two runs at once (Gatling itself keeps JVM-wide state, so GatlingLoad serializes runs).
     */
    public static Launch launch(RunContext run) {
        RUNS.put(run.id(), run);
        System.setProperty(RUN_PROPERTY, run.id());
        System.setProperty(BASE_URL_PROPERTY, run.baseUrl().toString());
        return () -> {
            System.clearProperty(BASE_URL_PROPERTY);
            System.clearProperty(RUN_PROPERTY);
            RUNS.remove(run.id());
            run.close();
        };
    }

    static RunContext current() {
        String id = System.getProperty(RUN_PROPERTY);
        RunContext run = id == null ? null : RUNS.get(id);
        if (run == null) {
            throw new IllegalStateException(HostSimulation.class.getName() + " only runs when launched by dev.spotsim.gatling.GatlingLoad");
        }
        return run;
    }
}
