package dev.spotsim.simulator.events.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of a field's matcher array: an exact value or one of EventBridge's comparison
 * operators, tested against one leaf value of the event (string, number, boolean or null).
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 */
sealed interface ValueMatcher {
    boolean matches(JsonNode leaf);

    /** An exact value; numbers compare by value (3 matches 3.0, as EventBridge's engine does), types never mix ("3" is not 3). */
    record Exact(JsonNode expected) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode leaf) {
            if (expected.isNumber() && leaf.isNumber()) {
                return expected.decimalValue().compareTo(leaf.decimalValue()) == 0;
            }
            return expected.equals(leaf);
        }
    }

    /** {@code prefix}, optionally {@code {"equals-ignore-case": ...}}; strings only. */
    record Prefix(String prefix, boolean ignoreCase) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode leaf) {
            return leaf.isTextual() && leaf.asText().regionMatches(ignoreCase, 0, prefix, 0, prefix.length());
        }
    }

    /** {@code suffix}, optionally {@code {"equals-ignore-case": ...}}; strings only. */
    record Suffix(String suffix, boolean ignoreCase) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode leaf) {
            String text = leaf.asText();
            return leaf.isTextual() && text.length() >= suffix.length()
                    && text.regionMatches(ignoreCase, text.length() - suffix.length(), suffix, 0, suffix.length());
        }
    }

    /** {@code equals-ignore-case}; strings only. */
    record EqualsIgnoreCase(String expected) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode leaf) {
            return leaf.isTextual() && leaf.asText().toLowerCase(Locale.ROOT).equals(expected.toLowerCase(Locale.ROOT));
        }
    }

    /** {@code wildcard}: '*' is any run of characters, "\*" a literal star, "\\" a backslash; strings only. */
    record Wildcard(String glob, Pattern regex) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode leaf) {
            return leaf.isTextual() && regex.matcher(leaf.asText()).matches();
        }
    }

    /**
     * {@code anything-but}: a leaf matches when none of the excluded matchers does; on an array
     * the field matches when any element is not excluded, like every other matcher.
     */
    record AnythingBut(List<ValueMatcher> excluded) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode leaf) {
            return excluded.stream().noneMatch(m -> m.matches(leaf));
        }
    }

    /** {@code numeric}: one comparison, or a lower and an upper bound; numbers only. */
    record Numeric(List<Comparison> comparisons) implements ValueMatcher {
        /** {@code operator} is one of =, <, <=, >, >=. */
        record Comparison(String operator, BigDecimal bound) {
        }

        @Override
        public boolean matches(JsonNode leaf) {
            if (!leaf.isNumber()) {
                return false;
            }
            BigDecimal value = leaf.decimalValue();
            return comparisons.stream().allMatch(c -> holds(value.compareTo(c.bound()), c.operator()));
        }

        private static boolean holds(int order, String operator) {
            return switch (operator) {
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                case ">=" -> order >= 0;
                default -> order == 0;
            };
        }
    }

    /**
     * {@code exists}: true when the field has a leaf value (null counts, an object or an empty array
     * does not). The pattern decides absence over the whole event (see {@link EventPattern}).
     */
    record Exists(boolean shouldExist) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode leaf) {
            return shouldExist;
        }
    }
}
