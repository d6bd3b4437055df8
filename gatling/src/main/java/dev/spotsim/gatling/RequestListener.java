package dev.spotsim.gatling;

/** Called from Gatling's threads for every finished request; implementations must be thread-safe. */
@FunctionalInterface
public interface RequestListener {
    /** One request has finished (answered, failed or timed out). */
    void onRequest(RequestOutcome outcome);
}
