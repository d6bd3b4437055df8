package dev.spotsim.simulator.events.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The leaf values an event holds at a field, as EventBridge sees them: arrays are flattened (an
 * array matches when any element does), objects are not leaves, and null is a value.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-arrays.html
 */
final class Leaves {
    private Leaves() {
    }

    /** The scalar values of one field: none when it is absent, an object, or an empty array. */
    static List<JsonNode> of(JsonNode value) {
        List<JsonNode> out = new ArrayList<>();
        addScalars(value, out);
        return out;
    }

    /** The scalar values at {@code path} anywhere in {@code root}, looking through every array on the way. */
    static List<JsonNode> at(JsonNode root, List<String> path) {
        List<JsonNode> level = List.of(root);
        for (String name : path) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : level) {
                addElements(node.get(name), next);
            }
            level = next;
        }
        List<JsonNode> out = new ArrayList<>();
        level.forEach(node -> addScalars(node, out));
        return out;
    }

    /** The objects a field holds: itself, or the objects among its (nested) array elements. */
    static List<JsonNode> objects(JsonNode value) {
        List<JsonNode> out = new ArrayList<>();
        addElements(value, out);
        out.removeIf(node -> !node.isObject());
        return out;
    }

    private static void addScalars(JsonNode value, List<JsonNode> out) {
        if (value == null || value.isMissingNode() || value.isObject()) {
            return;
        }
        if (value.isArray()) {
            value.forEach(element -> addScalars(element, out));
        } else {
            out.add(value);
        }
    }

    private static void addElements(JsonNode value, List<JsonNode> out) {
        if (value == null || value.isMissingNode()) {
            return;
        }
        if (value.isArray()) {
            value.forEach(element -> addElements(element, out));
        } else {
            out.add(value);
        }
    }
}
