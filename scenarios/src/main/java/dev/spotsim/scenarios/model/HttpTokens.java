package dev.spotsim.scenarios.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether the instances' metadata service requires IMDSv2 session tokens (EC2's HttpTokens).
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-options.html
 */
public enum HttpTokens {
    OPTIONAL("optional"), REQUIRED("required");

    private final String wireName;

    HttpTokens(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static HttpTokens parse(String text) {
        return WireNames.parse(HttpTokens.class, text, HttpTokens::wireName);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
