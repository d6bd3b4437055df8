package dev.spotsim.simulator.aws.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotsim.simulator.aws.AwsContext;
import dev.spotsim.simulator.events.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * PutEvents: each entry becomes an event on the simulator's bus (journal, sinks, rules) or a
 * failed entry with EventBridge's code. Sources starting with "aws." are AWS's own and refused.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
 */
final class EventEntries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AwsContext context;

    EventEntries(AwsContext context) {
        this.context = context;
    }

    ObjectNode putEvents(ObjectNode in, String region) {
        JsonNode entries = in.path("Entries");
        if (!entries.isArray() || entries.isEmpty() || entries.size() > 10) {
            throw EventBridgeService.validation("1 validation error detected: Value at 'entries' failed to satisfy constraint: Member "
                    + "must have length between 1 and 10");
        }
        ArrayNode results = JSON.createArrayNode();
        int failed = 0;
        for (JsonNode e : entries) {
            ObjectNode result = results.addObject();
            String problem = problem(e, region);
            if (problem != null) {
                failed++;
                result.put("ErrorCode", problem.substring(0, problem.indexOf(':')));
                result.put("ErrorMessage", problem.substring(problem.indexOf(':') + 2));
                continue;
            }
            Event event = event(e, region);
            context.events().publish(event);
            result.put("EventId", event.id());
        }
        ObjectNode out = JSON.createObjectNode().put("FailedEntryCount", failed);
        out.set("Entries", results);
        return out;
    }

    /** "Code: message" for an entry EventBridge would refuse, else null. */
    private String problem(JsonNode e, String region) {
        for (String member : List.of("Source", "DetailType", "Detail")) {
            if (e.path(member).asText("").isEmpty()) {
                return "InvalidArgument: Parameter " + member + " is not valid. Reason: " + member + " is a required argument.";
            }
        }
        String bus = e.path("EventBusName").asText("default");
        if (!bus.equals("default") && !bus.equals("arn:aws:events:" + region + ":" + context.accountId() + ":event-bus/default")) {
            return "InvalidArgument: Event bus " + bus + " does not exist.";
        }
        if (e.path("Source").asText().startsWith("aws.")) {
            return "NotAuthorizedForSourceException: Not authorized for the source.";
        }
        try {
            if (!JSON.readTree(e.path("Detail").asText()).isObject()) {
                return "MalformedDetail: Detail is malformed.";
            }
        } catch (Exception x) {
            return "MalformedDetail: Detail is malformed.";
        }
        return null;
    }

    private Event event(JsonNode e, String region) {
        List<String> resources = new ArrayList<>();
        e.path("Resources").forEach(r -> resources.add(r.asText()));
        Instant time = e.hasNonNull("Time") ? time(e.get("Time")) : context.clock().now();
        ObjectNode detail;
        try {
            detail = (ObjectNode) JSON.readTree(e.path("Detail").asText());
        } catch (Exception x) {
            throw new IllegalStateException("detail checked above", x);
        }
        return Event.of(e.path("DetailType").asText(), e.path("Source").asText(), context.accountId(), time, region, resources, detail);
    }

    /** JSON 1.1 sends timestamps as epoch seconds (a number, maybe fractional); ISO text is taken too. */
    private Instant time(JsonNode t) {
        if (t.isNumber()) {
            return Instant.ofEpochMilli(Math.round(t.asDouble() * 1000));
        }
        try {
            return Instant.parse(t.asText());
        } catch (RuntimeException x) {
            return context.clock().now();
        }
    }
}
