package dev.spotsim.simulator.events.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** One entry of a field's matcher array: an exact value, or one of EventBridge's content filters. */
sealed interface ValueMatcher {
    /** Whether the event's field (null when absent; an array means "any element") satisfies the matcher. */
    default boolean matchesField(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return false;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (matchesScalar(element)) {
                    return true;
                }
            }
            return false;
        }
        return matchesScalar(value);
    }

    boolean matchesScalar(JsonNode value);

    /** An exact value: strings, numbers (numerically), booleans, null. */
    record Exact(JsonNode expected) implements ValueMatcher {
        @Override
        public boolean matchesScalar(JsonNode value) {
            if (expected.isNumber() && value.isNumber()) {
                return expected.decimalValue().compareTo(value.decimalValue()) == 0;
            }
            return expected.equals(value);
        }
    }

    record Prefix(String prefix, boolean ignoreCase) implements ValueMatcher {
        @Override
        public boolean matchesScalar(JsonNode value) {
            return value.isTextual() && (ignoreCase ? value.asText().toLowerCase().startsWith(prefix.toLowerCase()) : value.asText().startsWith(prefix));
        }
    }

    record Suffix(String suffix, boolean ignoreCase) implements ValueMatcher {
        @Override
        public boolean matchesScalar(JsonNode value) {
            return value.isTextual() && (ignoreCase ? value.asText().toLowerCase().endsWith(suffix.toLowerCase()) : value.asText().endsWith(suffix));
        }
    }

    record EqualsIgnoreCase(String expected) implements ValueMatcher {
        @Override
        public boolean matchesScalar(JsonNode value) {
            return value.isTextual() && value.asText().equalsIgnoreCase(expected);
        }
    }

    /** Matches when the field is there and none of the inner matchers match (every element, for arrays). */
    record AnythingBut(List<ValueMatcher> excluded) implements ValueMatcher {
        @Override
        public boolean matchesField(JsonNode value) {
            if (value == null || value.isMissingNode()) {
                return false;
            }
            if (value.isArray()) {
                for (JsonNode element : value) {
                    if (!matchesScalar(element)) {
                        return false;
                    }
                }
                return !value.isEmpty();
            }
            return matchesScalar(value);
        }

        @Override
        public boolean matchesScalar(JsonNode value) {
            return excluded.stream().noneMatch(m -> m.matchesScalar(value));
        }
    }

    record Exists(boolean shouldExist) implements ValueMatcher {
        @Override
        public boolean matchesField(JsonNode value) {
            boolean present = value != null && !value.isMissingNode() && !(value.isArray() && value.isEmpty());
            return present == shouldExist;
        }

        @Override
        public boolean matchesScalar(JsonNode value) {
            return shouldExist;
        }
    }

    /** Up to two comparisons, all of which must hold: [">", 0, "<=", 5] or ["=", 3]. */
    record Numeric(List<String> operators, List<Double> bounds) implements ValueMatcher {
        @Override
        public boolean matchesScalar(JsonNode value) {
            if (!value.isNumber()) {
                return false;
            }
            double v = value.asDouble();
            for (int i = 0; i < operators.size(); i++) {
                double b = bounds.get(i);
                boolean ok = switch (operators.get(i)) {
                    case "<" -> v < b;
                    case "<=" -> v <= b;
                    case ">" -> v > b;
                    case ">=" -> v >= b;
                    default -> v == b;
                };
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
    }

    /** '*' matches any run of characters; "\\*" is a literal star. */
    record Wildcard(Pattern regex) implements ValueMatcher {
        @Override
        public boolean matchesScalar(JsonNode value) {
            return value.isTextual() && regex.matcher(value.asText()).matches();
        }
    }

    static ValueMatcher parse(JsonNode m, String where) {
        if (!m.isObject()) {
            if (m.isArray()) {
                throw new IllegalArgumentException(where + ": expected values or matchers, not a nested array");
            }
            return new Exact(m);
        }
        if (m.size() != 1) {
            throw new IllegalArgumentException(where + ": a matcher object has exactly one key (prefix, suffix, anything-but, ...)");
        }
        String op = m.fieldNames().next();
        JsonNode arg = m.get(op);
        return switch (op) {
            case "prefix" -> arg.isObject() && arg.has("equals-ignore-case") ? new Prefix(text(arg.get("equals-ignore-case"), where, op), true)
                    : new Prefix(text(arg, where, op), false);
            case "suffix" -> arg.isObject() && arg.has("equals-ignore-case") ? new Suffix(text(arg.get("equals-ignore-case"), where, op), true)
                    : new Suffix(text(arg, where, op), false);
            case "equals-ignore-case" -> new EqualsIgnoreCase(text(arg, where, op));
            case "anything-but" -> anythingBut(arg, where);
            case "exists" -> {
                if (!arg.isBoolean()) {
                    throw new IllegalArgumentException(where + ": exists: expected true or false");
                }
                yield new Exists(arg.asBoolean());
            }
            case "numeric" -> numeric(arg, where);
            case "wildcard" -> new Wildcard(wildcard(text(arg, where, op)));
            default -> throw new IllegalArgumentException(where + ": unknown matcher \"" + op
                    + "\"; expected prefix, suffix, equals-ignore-case, anything-but, exists, numeric or wildcard");
        };
    }

    private static ValueMatcher anythingBut(JsonNode arg, String where) {
        List<ValueMatcher> excluded = new ArrayList<>();
        if (arg.isArray()) {
            arg.forEach(v -> excluded.add(new Exact(v)));
        } else if (arg.isObject()) {
            ValueMatcher inner = parse(arg, where + ".anything-but");
            if (!(inner instanceof Prefix) && !(inner instanceof Suffix) && !(inner instanceof EqualsIgnoreCase) && !(inner instanceof Wildcard)) {
                throw new IllegalArgumentException(where + ": anything-but takes a value, a list, or {prefix|suffix|equals-ignore-case|wildcard}");
            }
            excluded.add(inner);
        } else {
            excluded.add(new Exact(arg));
        }
        return new AnythingBut(List.copyOf(excluded));
    }

    private static ValueMatcher numeric(JsonNode arg, String where) {
        if (!arg.isArray() || (arg.size() != 2 && arg.size() != 4)) {
            throw new IllegalArgumentException(where + ": numeric: expected [\"<op>\", number] or [\"<op>\", number, \"<op>\", number]");
        }
        List<String> ops = new ArrayList<>();
        List<Double> bounds = new ArrayList<>();
        for (int i = 0; i < arg.size(); i += 2) {
            String op = arg.get(i).asText();
            if (!List.of("<", "<=", ">", ">=", "=").contains(op) || !arg.get(i + 1).isNumber()) {
                throw new IllegalArgumentException(where + ": numeric: expected an operator (<, <=, >, >=, =) followed by a number");
            }
            ops.add(op);
            bounds.add(arg.get(i + 1).asDouble());
        }
        return new Numeric(List.copyOf(ops), List.copyOf(bounds));
    }

    private static Pattern wildcard(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append("\\*");
                i++;
            } else if (c == '*') {
                regex.append(".*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static String text(JsonNode arg, String where, String op) {
        if (arg == null || !arg.isTextual()) {
            throw new IllegalArgumentException(where + ": " + op + ": expected a string");
        }
        return arg.asText();
    }
}
