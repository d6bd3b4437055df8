package dev.spotsim.simulator.instance;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a simulated instance is in its life; the wire names are the ones the control API and events use. */
public enum InstanceState {
    PENDING("pending"),
    RUNNING("running"),
    REBALANCE_RECOMMENDED("rebalance-recommended"),
    INTERRUPTION_NOTICED("interruption-noticed"),
    SHUTTING_DOWN("shutting-down"),
    TERMINATED("terminated"),
    STOPPING("stopping"),
    STOPPED("stopped");

    private final String wireName;

    InstanceState(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** True while the instance is up and its metadata service answers. */
    public boolean isUp() {
        return this == RUNNING || this == REBALANCE_RECOMMENDED || this == INTERRUPTION_NOTICED;
    }
}
