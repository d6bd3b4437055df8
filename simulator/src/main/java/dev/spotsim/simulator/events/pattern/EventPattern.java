package dev.spotsim.simulator.events.pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An EventBridge event pattern. Every field named must match (AND); a field's array lists
 * alternatives (OR) and matches when any alternative matches any of the event's values there;
 * {@code $or} takes alternative sub-patterns. Where the event nests objects in arrays, one element
 * must satisfy the whole sub-pattern (EventBridge's array consistency), while {@code exists: false}
 * asks that the field appear nowhere at that path.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html
 */
public final class EventPattern {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventPattern ANY = new EventPattern(List.of(), List.of(), "{}");
    private final List<Field> fields;
    private final List<EventPattern> anyOf;
    private final String text;

    /** One named field: a nested pattern, or the matchers of a leaf. {@code path} runs from the event's root. */
    private record Field(String name, List<String> path, EventPattern nested, List<ValueMatcher> matchers) {
    }

    private EventPattern(List<Field> fields, List<EventPattern> anyOf, String text) {
        this.fields = fields;
        this.anyOf = anyOf;
        this.text = text;
    }

    /** Matches every event. */
    public static EventPattern any() {
        return ANY;
    }

    /** Reads a pattern from JSON text; errors say which field is wrong and what it expects. */
    public static EventPattern parse(String json) {
        try {
            return parse(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("pattern: not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Reads a pattern from a JSON (or YAML) tree; null, or an empty object, matches every event. */
    public static EventPattern parse(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || (node.isObject() && node.isEmpty())) {
            return ANY;
        }
        return parse(node, "pattern", List.of());
    }

    private static EventPattern parse(JsonNode node, String where, List<String> path) {
        if (!node.isObject() || node.isEmpty()) {
            throw new IllegalArgumentException(where + ": expected a non-empty JSON object of fields, got " + node);
        }
        List<Field> fields = new ArrayList<>();
        List<EventPattern> anyOf = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = where + "." + e.getKey();
            JsonNode v = e.getValue();
            List<String> fieldPath = append(path, e.getKey());
            if (e.getKey().equals("$or")) {
                anyOf.addAll(alternatives(v, at, path));
            } else if (v.isObject()) {
                fields.add(new Field(e.getKey(), fieldPath, parse(v, at, fieldPath), null));
            } else if (v.isArray() && !v.isEmpty()) {
                List<ValueMatcher> matchers = new ArrayList<>();
                v.forEach(m -> matchers.add(MatcherParser.parse(m, at)));
                fields.add(new Field(e.getKey(), fieldPath, null, List.copyOf(matchers)));
            } else {
                throw new IllegalArgumentException(at + ": expected a non-empty array of values or matchers (e.g. [\"terminate\"]) "
                        + "or a nested object, got " + v);
            }
        }
        return new EventPattern(List.copyOf(fields), List.copyOf(anyOf), node.toString());
    }

    private static List<EventPattern> alternatives(JsonNode v, String at, List<String> path) {
        if (!v.isArray() || v.size() < 2) {
            throw new IllegalArgumentException(at + ": expected an array of at least two patterns, got " + v);
        }
        List<EventPattern> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(parse(v.get(i), at + "[" + i + "]", path));
        }
        return out;
    }

    private static List<String> append(List<String> path, String name) {
        List<String> out = new ArrayList<>(path);
        out.add(name);
        return List.copyOf(out);
    }

    /** Whether {@code event} (the whole event, envelope and detail) matches. */
    public boolean matches(JsonNode event) {
        JsonNode root = event == null ? MissingNode.getInstance() : event;
        return matches(root, root);
    }

    private boolean matches(JsonNode node, JsonNode root) {
        for (Field f : fields) {
            JsonNode value = node.get(f.name());
            if (!(f.nested() == null ? leafMatches(f, value, root) : nestedMatches(f.nested(), value, root))) {
                return false;
            }
        }
        return anyOf.isEmpty() || anyOf.stream().anyMatch(p -> p.matches(node, root));
    }

    /** An object, or one object of an array, must satisfy the sub-pattern; with none, only absence can match. */
    private static boolean nestedMatches(EventPattern nested, JsonNode value, JsonNode root) {
        List<JsonNode> candidates = Leaves.objects(value);
        if (candidates.isEmpty()) {
            return nested.matches(MissingNode.getInstance(), root);
        }
        return candidates.stream().anyMatch(c -> nested.matches(c, root));
    }

    private static boolean leafMatches(Field f, JsonNode value, JsonNode root) {
        List<JsonNode> leaves = Leaves.of(value);
        for (ValueMatcher m : f.matchers()) {
            boolean hit = m instanceof ValueMatcher.Exists e
                    ? (e.shouldExist() ? !leaves.isEmpty() : Leaves.at(root, f.path()).isEmpty())
                    : leaves.stream().anyMatch(m::matches);
            if (hit) {
                return true;
            }
        }
        return false;
    }

    /** The pattern as compact JSON. */
    @Override
    public String toString() {
        return text;
    }
}
