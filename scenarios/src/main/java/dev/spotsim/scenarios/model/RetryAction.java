package dev.spotsim.scenarios.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What AWS Batch does when an evaluateOnExit condition matches (written in any case, as Batch accepts).
 * https://docs.aws.amazon.com/batch/latest/APIReference/API_EvaluateOnExit.html
 */
public enum RetryAction {
    RETRY, EXIT;

    @JsonValue
    public String wireName() {
        return name();
    }

    @JsonCreator
    public static RetryAction parse(String text) {
        return WireNames.parse(RetryAction.class, text == null ? null : text.toUpperCase(Locale.ROOT), RetryAction::wireName);
    }
}
