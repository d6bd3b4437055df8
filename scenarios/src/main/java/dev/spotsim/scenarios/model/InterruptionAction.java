package dev.spotsim.scenarios.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a Spot interruption does to the instance, as {@code spot/instance-action} names it.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/interruption-behavior.html
 */
public enum InterruptionAction {
    TERMINATE("terminate"), STOP("stop"), HIBERNATE("hibernate");

    private final String wireName;

    InterruptionAction(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static InterruptionAction parse(String text) {
        return WireNames.parse(InterruptionAction.class, text, InterruptionAction::wireName);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
