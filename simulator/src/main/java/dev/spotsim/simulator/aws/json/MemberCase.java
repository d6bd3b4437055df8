package dev.spotsim.simulator.aws.json;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;

/**
 * How a JSON service spells its members: SSM, EventBridge and SQS write {@code InstanceIds}; FIS and
 * ECS write {@code instanceIds}. Java records keep Java's lower camel case either way.
 */
public enum MemberCase {
    /** {@code "CommandId"}: SSM, EventBridge, SQS. */
    UPPER_CAMEL(PropertyNamingStrategies.UPPER_CAMEL_CASE),
    /** {@code "experimentTemplateId"}: FIS, ECS. */
    LOWER_CAMEL(PropertyNamingStrategies.LOWER_CAMEL_CASE);

    private final PropertyNamingStrategy strategy;

    MemberCase(PropertyNamingStrategy strategy) {
        this.strategy = strategy;
    }

    PropertyNamingStrategy strategy() {
        return strategy;
    }
}
