package dev.spotsim.scenarios.time;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints durations the way users write them: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h30m}, or ISO-8601 {@code PT2M}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
    private static final String EXPECTED = "a duration like \"500ms\", \"30s\", \"2m\", \"1h30m\" or \"PT2M\"";

    private Durations() {
    }

    /** What a well-formed duration looks like, for error messages. */
    public static String expected() {
        return EXPECTED;
    }

    /**
     * Parses {@code text}; a bare number is rejected because its unit would be a guess.
     *
     * @throws IllegalArgumentException naming what was expected
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expected " + EXPECTED + ", got an empty value");
        }
        String trimmed = text.trim();
        if (trimmed.startsWith("P") || trimmed.startsWith("p")) {
            try {
                return Duration.parse(trimmed.toUpperCase());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("expected " + EXPECTED + ", got \"" + text + "\"");
            }
        }
        Matcher m = PART.matcher(trimmed);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < trimmed.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("expected " + EXPECTED + ", got \"" + text + "\"");
            }
            total = total.plus(part(m.group(1), m.group(2)));
            at = m.end();
        }
        return total;
    }

    private static Duration part(String number, String unit) {
        double value = Double.parseDouble(number);
        long millis = Math.round(value * switch (unit) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> 86_400_000L;
        });
        return Duration.ofMillis(millis);
    }

    /** Prints the shortest exact form: {@code 2m}, {@code 1m30s}, {@code 250ms}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        if (d.isNegative()) {
            out.append('-');
            d = d.negated();
        }
        long hours = d.toHours();
        int minutes = d.toMinutesPart();
        int seconds = d.toSecondsPart();
        int millis = d.toMillisPart();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        if (seconds > 0) {
            out.append(seconds).append('s');
        }
        if (millis > 0) {
            out.append(millis).append("ms");
        }
        return out.toString();
    }
}
