package dev.spotsim.simulator.instance;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What EC2 does to a Spot Instance at the end of the notice.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/interruption-behavior.html
 */
public enum InterruptionAction {
    TERMINATE,
    STOP,
    HIBERNATE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    /** Parses {@code terminate|stop|hibernate}; anything else is the caller's input error. */
    public static InterruptionAction parse(String text) {
        for (InterruptionAction a : values()) {
            if (a.wireName().equals(text)) {
                return a;
            }
        }
        throw new IllegalArgumentException("action: expected one of "
                + Arrays.stream(values()).map(InterruptionAction::wireName).collect(Collectors.joining(", "))
                + ", got \"" + text + "\"");
    }
}
