package dev.spotsim.simulator.aws.json;

import dev.spotsim.simulator.aws.AwsException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects constraint violations the way AWS reports them, all at once:
 * {@code 2 validation errors detected: Value '100' at 'maxResults' failed to satisfy constraint:
 * Member must have value less than or equal to 50; ...}. Member names are written as AWS writes
 * them in these messages (lower camel case, whatever the service's wire case).
 */
public final class Checks {
    private final List<String> errors = new ArrayList<>();

    /** A member that must be present (and, for strings and collections, not empty). */
    public Checks required(String member, Object value) {
        boolean missing = value == null || value instanceof String s && s.isEmpty() || value instanceof Collection<?> c && c.isEmpty();
        if (missing) {
            violation(member, value, "Member must not be null");
        }
        return this;
    }

    /** A number within [min, max] when present. */
    public Checks range(String member, Number value, long min, long max) {
        if (value != null) {
            if (value.longValue() < min) {
                violation(member, value, "Member must have value greater than or equal to " + min);
            } else if (value.longValue() > max) {
                violation(member, value, "Member must have value less than or equal to " + max);
            }
        }
        return this;
    }

    /** A string's or collection's length within [min, max] when present. */
    public Checks length(String member, Object value, int min, int max) {
        int n = value instanceof String s ? s.length() : value instanceof Collection<?> c ? c.size() : -1;
        if (n >= 0 && (n < min || n > max)) {
            violation(member, value, "Member must have length " + (n < min ? "greater than or equal to " + min : "less than or equal to " + max));
        }
        return this;
    }

    /** A string matching {@code regex} when present. */
    public Checks pattern(String member, String value, Pattern regex) {
        if (value != null && !regex.matcher(value).matches()) {
            violation(member, value, "Member must satisfy regular expression pattern: " + regex.pattern());
        }
        return this;
    }

    /** A string among {@code allowed} when present. */
    public Checks oneOf(String member, String value, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            violation(member, value, "Member must satisfy enum value set: " + allowed);
        }
        return this;
    }

    /** A violation the other checks do not name. */
    public Checks violation(String member, Object value, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        errors.add("Value " + shown + " at '" + member + "' failed to satisfy constraint: " + constraint);
        return this;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** Throws one {@code ValidationException} listing every violation, if there is any. */
    public void orThrow() {
        if (!errors.isEmpty()) {
            throw validation(errors.size() + " validation error" + (errors.size() == 1 ? "" : "s") + " detected: " + String.join("; ", errors));
        }
    }

    /** A 400 {@code ValidationException} with {@code message}. */
    public static AwsException validation(String message) {
        return AwsException.badRequest("ValidationException", message);
    }
}
