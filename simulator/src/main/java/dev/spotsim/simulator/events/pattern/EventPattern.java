package dev.spotsim.simulator.events.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An EventBridge event pattern: every field named must match (AND); a field's array of matchers
 * matches when any matcher matches any of the event's values (OR); {@code $or} takes alternative
 * patterns. Matchers: exact values, prefix, suffix, equals-ignore-case, anything-but, exists,
 * numeric, wildcard.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 */
public final class EventPattern {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Field> fields;
    private final List<EventPattern> anyOf;

    private record Field(String name, EventPattern nested, List<ValueMatcher> matchers) {
    }

    private EventPattern(List<Field> fields, List<EventPattern> anyOf) {
        this.fields = fields;
        this.anyOf = anyOf;
    }

    /** Matches every event. */
    public static EventPattern any() {
        return new EventPattern(List.of(), List.of());
    }

    public static EventPattern parse(String json) {
        try {
            return parse(JSON.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("pattern: not valid JSON: " + e.getOriginalMessage());
        }
    }

    public static EventPattern parse(JsonNode node) {
        return parse(node, "pattern");
    }

    private static EventPattern parse(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return any();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + ": expected a JSON object of fields");
        }
        List<Field> fields = new ArrayList<>();
        List<EventPattern> anyOf = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = path + "." + e.getKey();
            JsonNode v = e.getValue();
            if (e.getKey().equals("$or")) {
                if (!v.isArray() || v.size() < 2) {
                    throw new IllegalArgumentException(where + ": expected an array of at least two patterns");
                }
                for (JsonNode alt : v) {
                    anyOf.add(parse(alt, where));
                }
            } else if (v.isObject()) {
                fields.add(new Field(e.getKey(), parse(v, where), null));
            } else if (v.isArray()) {
                if (v.isEmpty()) {
                    throw new IllegalArgumentException(where + ": expected at least one value or matcher");
                }
                List<ValueMatcher> matchers = new ArrayList<>();
                for (JsonNode m : v) {
                    matchers.add(ValueMatcher.parse(m, where));
                }
                fields.add(new Field(e.getKey(), null, matchers));
            } else {
                throw new IllegalArgumentException(where + ": expected an array of values or matchers (e.g. [\"terminate\"]) or a nested object");
            }
        }
        if (fields.isEmpty() && anyOf.isEmpty() && !path.equals("pattern")) {
            throw new IllegalArgumentException(path + ": an empty object matches nothing; leave it out");
        }
        return new EventPattern(List.copyOf(fields), List.copyOf(anyOf));
    }

    public boolean matches(JsonNode event) {
        for (Field f : fields) {
            JsonNode value = event == null ? null : event.get(f.name());
            if (f.nested() != null) {
                if (value == null || !value.isObject() || !f.nested().matches(value)) {
                    return false;
                }
            } else if (!matchesAny(f.matchers(), value)) {
                return false;
            }
        }
        return anyOf.isEmpty() || anyOf.stream().anyMatch(p -> p.matches(event));
    }

    private static boolean matchesAny(List<ValueMatcher> matchers, JsonNode value) {
        for (ValueMatcher m : matchers) {
            if (m.matchesField(value)) {
                return true;
            }
        }
        return false;
    }
}
