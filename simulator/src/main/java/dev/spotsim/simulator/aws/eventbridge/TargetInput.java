package dev.spotsim.simulator.aws.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a target receives of a matched event: the whole event, a constant {@code Input}, or the
 * part {@code InputPath} selects ({@code $.detail}, {@code $.detail.instance-id}); a string selected
 * by InputPath arrives as its JSON text, quotes included, as EventBridge sends it.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
 */
final class TargetInput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TargetInput() {
    }

    /** Checks a target's Input (JSON text) and InputPath ($ or $.a.b); the message names the bad member. */
    static String problem(ObjectNode target) {
        if (target.hasNonNull("Input") && target.hasNonNull("InputPath")) {
            return "Target " + target.path("Id").asText() + ": only one of Input, InputPath and InputTransformer may be given.";
        }
        if (target.hasNonNull("InputTransformer")) {
            return "Target " + target.path("Id").asText() + ": spotsim does not apply InputTransformer; use Input or InputPath.";
        }
        if (target.hasNonNull("Input")) {
            try {
                JSON.readTree(target.get("Input").asText());
            } catch (Exception e) {
                return "Target " + target.path("Id").asText() + ": Input is not valid JSON.";
            }
        }
        if (target.hasNonNull("InputPath") && !target.get("InputPath").asText().matches("\\$(\\.[A-Za-z0-9_-]+)*")) {
            return "Target " + target.path("Id").asText() + ": InputPath must be a JSONPath like $.detail, got "
                    + target.get("InputPath").asText() + ".";
        }
        return null;
    }

    /** The message body for {@code target} of {@code event}; null when InputPath selects nothing (EventBridge then sends nothing). */
    static String body(ObjectNode target, ObjectNode event) {
        if (target.hasNonNull("Input")) {
            return target.get("Input").asText();
        }
        if (target.hasNonNull("InputPath")) {
            JsonNode at = event;
            String path = target.get("InputPath").asText();
            for (String step : path.substring(1).split("\\.")) {
                if (!step.isEmpty()) {
                    at = at.path(step);
                }
            }
            return at.isMissingNode() ? null : at.toString();
        }
        return event.toString();
    }
}
