package dev.spotsim.simulator.events.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.spotsim.simulator.events.pattern.ValueMatcher.Numeric.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one entry of a field's matcher array, refusing what EventBridge refuses, with a message that
 * names the field and what it expects. The rules follow AWS's engine (aws/event-ruler) and
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 */
final class MatcherParser {
    private static final Set<String> LOWER = Set.of(">", ">=");
    private static final Set<String> UPPER = Set.of("<", "<=");
    private static final String KNOWN = "prefix, suffix, equals-ignore-case, anything-but, exists, numeric or wildcard";

    private MatcherParser() {
    }

    static ValueMatcher parse(JsonNode m, String where) {
        if (m.isArray()) {
            throw new IllegalArgumentException(where + ": expected a value or a matcher object, not a nested array");
        }
        if (!m.isObject()) {
            return new ValueMatcher.Exact(m);
        }
        if (m.size() != 1) {
            throw new IllegalArgumentException(where + ": a matcher object has exactly one key (" + KNOWN + "), got " + m.size());
        }
        String op = m.fieldNames().next();
        JsonNode arg = m.get(op);
        String at = where + ": " + op;
        return switch (op) {
            case "prefix" -> new ValueMatcher.Prefix(textOrIgnoreCase(arg, at), arg.isObject());
            case "suffix" -> new ValueMatcher.Suffix(textOrIgnoreCase(arg, at), arg.isObject());
            case "equals-ignore-case" -> new ValueMatcher.EqualsIgnoreCase(text(arg, at));
            case "wildcard" -> wildcard(text(arg, at), at);
            case "anything-but" -> anythingBut(arg, at);
            case "numeric" -> numeric(arg, at);
            case "exists" -> {
                if (!arg.isBoolean()) {
                    throw new IllegalArgumentException(at + ": expected true or false, got " + arg);
                }
                yield new ValueMatcher.Exists(arg.booleanValue());
            }
            default -> throw new IllegalArgumentException(where + ": unknown matcher \"" + op + "\"; expected " + KNOWN);
        };
    }

    private static String text(JsonNode arg, String at) {
        if (!arg.isTextual()) {
            throw new IllegalArgumentException(at + ": expected a string, got " + arg);
        }
        return arg.asText();
    }

    /** "abc" or {"equals-ignore-case": "abc"}. */
    private static String textOrIgnoreCase(JsonNode arg, String at) {
        if (arg.isObject()) {
            if (arg.size() != 1 || !arg.has("equals-ignore-case")) {
                throw new IllegalArgumentException(at + ": expected a string or {\"equals-ignore-case\": \"...\"}, got " + arg);
            }
            return text(arg.get("equals-ignore-case"), at + ".equals-ignore-case");
        }
        return text(arg, at);
    }

    /** A value, a list of all strings or all numbers, or {prefix|suffix|equals-ignore-case|wildcard: string or list}. */
    private static ValueMatcher anythingBut(JsonNode arg, String at) {
        List<ValueMatcher> excluded = new ArrayList<>();
        if (arg.isTextual() || arg.isNumber()) {
            excluded.add(new ValueMatcher.Exact(arg));
        } else if (arg.isArray()) {
            boolean strings = !arg.isEmpty() && arg.get(0).isTextual();
            for (JsonNode v : arg) {
                if (strings ? !v.isTextual() : !v.isNumber()) {
                    throw new IllegalArgumentException(at + ": expected a non-empty list of only strings or only numbers, got " + arg);
                }
                excluded.add(new ValueMatcher.Exact(v));
            }
            if (excluded.isEmpty()) {
                throw new IllegalArgumentException(at + ": expected a non-empty list of only strings or only numbers, got []");
            }
        } else if (arg.isObject() && arg.size() == 1) {
            String inner = arg.fieldNames().next();
            if (!Set.of("prefix", "suffix", "equals-ignore-case", "wildcard").contains(inner)) {
                throw new IllegalArgumentException(at + ": \"" + inner + "\" cannot be negated; expected prefix, suffix, equals-ignore-case or wildcard");
            }
            JsonNode values = arg.get(inner);
            for (JsonNode v : values.isArray() && !values.isEmpty() ? values : List.of(values)) {
                excluded.add(parse(JsonNodeFactory.instance.objectNode().set(inner, v), at));
            }
        } else {
            throw new IllegalArgumentException(at + ": expected a string, a number, a list of them, or one of "
                    + "{prefix|suffix|equals-ignore-case|wildcard: ...}, got " + arg);
        }
        return new ValueMatcher.AnythingBut(List.copyOf(excluded));
    }

    /** [op, n] with op one of =, <, <=, >, >=; or a range [> or >=, low, < or <=, high] with low < high. */
    private static ValueMatcher numeric(JsonNode arg, String at) {
        String shape = "expected [\"<op>\", number] or [\">\"|\">=\", low, \"<\"|\"<=\", high], got " + arg;
        if (!arg.isArray() || (arg.size() != 2 && arg.size() != 4)) {
            throw new IllegalArgumentException(at + ": " + shape);
        }
        List<Comparison> comparisons = new ArrayList<>();
        for (int i = 0; i < arg.size(); i += 2) {
            String op = arg.get(i).asText();
            boolean allowed = arg.size() == 2 ? op.equals("=") || LOWER.contains(op) || UPPER.contains(op)
                    : (i == 0 ? LOWER : UPPER).contains(op);
            if (!arg.get(i).isTextual() || !allowed || !arg.get(i + 1).isNumber()) {
                throw new IllegalArgumentException(at + ": " + shape);
            }
            comparisons.add(new Comparison(op, arg.get(i + 1).decimalValue()));
        }
        if (comparisons.size() == 2 && comparisons.get(0).bound().compareTo(comparisons.get(1).bound()) >= 0) {
            throw new IllegalArgumentException(at + ": the lower bound must be less than the upper bound, got " + arg);
        }
        return new ValueMatcher.Numeric(List.copyOf(comparisons));
    }

    /** No two '*' in a row; a backslash only escapes '*' or another backslash. */
    private static ValueMatcher wildcard(String glob, String at) {
        StringBuilder regex = new StringBuilder();
        boolean afterStar = false;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            boolean star = c == '*';
            if (c == '\\') {
                char next = i + 1 < glob.length() ? glob.charAt(i + 1) : 0;
                if (next != '*' && next != '\\') {
                    throw new IllegalArgumentException(at + ": a backslash must escape '*' or '\\' (position " + i + " of \"" + glob + "\")");
                }
                regex.append(Pattern.quote(String.valueOf(next)));
                i++;
            } else if (star) {
                if (afterStar) {
                    throw new IllegalArgumentException(at + ": consecutive '*' are not allowed (position " + i + " of \"" + glob + "\")");
                }
                regex.append(".*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
            afterStar = star;
        }
        return new ValueMatcher.Wildcard(glob, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }
}
