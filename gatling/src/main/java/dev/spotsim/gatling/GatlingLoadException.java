package dev.spotsim.gatling;

/** Gatling could not run the load (the Simulation failed to build, or the run crashed). */
public final class GatlingLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GatlingLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
