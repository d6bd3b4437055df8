package dev.spotsim.scenarios.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The stopCode of an interrupted Fargate Spot task in ECS Task State Change events (the ECS API's
 * enum names SpotInterruption; one AWS sample shows TerminationNotice).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html
 */
public enum StopCode {
    SPOT_INTERRUPTION("SpotInterruption"), TERMINATION_NOTICE("TerminationNotice");

    private final String wireName;

    StopCode(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static StopCode parse(String text) {
        return WireNames.parse(StopCode.class, text, StopCode::wireName);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
