package dev.spotsim.simulator.aws.eventbridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotsim.simulator.events.pattern.EventPattern;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One rule on the default event bus of a region: its pattern, state and targets (by id, in the
 * order they were put). Immutable: every change makes a new rule, so delivery reads a consistent one.
 *
 * @param targets each target as the caller put it (echoed by ListTargetsByRule)
 */
record Rule(String region, String name, String arn, String eventPatternText, EventPattern pattern, boolean enabled,
            String description, String roleArn, Map<String, ObjectNode> targets) {
    Rule {
        targets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    }

    Rule withTargets(Map<String, ObjectNode> targets) {
        return new Rule(region, name, arn, eventPatternText, pattern, enabled, description, roleArn, targets);
    }

    Rule withEnabled(boolean on) {
        return new Rule(region, name, arn, eventPatternText, pattern, on, description, roleArn, targets);
    }

    String state() {
        return enabled ? "ENABLED" : "DISABLED";
    }
}
