package dev.spotsim.gameday.fis;

import java.util.Arrays;

/**
 * The states of an FIS experiment; completed, stopped, failed and cancelled are final.
 * https://docs.aws.amazon.com/fis/latest/APIReference/API_ExperimentState.html
 */
public enum ExperimentStatus {
    PENDING, INITIATING, RUNNING, COMPLETED, STOPPING, STOPPED, FAILED, CANCELLED,
    /** A status this version does not know; treated as still going, so polling continues until the run's deadline. */
    UNKNOWN;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isFinal() {
        return this == COMPLETED || this == STOPPED || this == FAILED || this == CANCELLED;
    }

    public static ExperimentStatus of(String wire) {
        return Arrays.stream(values()).filter(s -> s != UNKNOWN && s.wireName().equals(wire)).findFirst().orElse(UNKNOWN);
    }
}
