package dev.spotsim.scenarios.time;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints durations the way users write them: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h30m}, or ISO-8601 {@code PT2M}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
    /** The longest duration anything in a simulation may take; a longer one is a typo, not a plan. */
    public static final Duration MAX = Duration.ofDays(7);
    private static final BigDecimal MAX_MILLIS = BigDecimal.valueOf(MAX.toMillis());
    private static final String EXPECTED = "a duration like \"500ms\", \"30s\", \"2m\", \"1h30m\" or \"PT2M\"";

    private Durations() {
    }

    /** What a well-formed duration looks like, for error messages. */
    public static String expected() {
        return EXPECTED;
    }

    /**
     * Parses {@code text}; a bare number is rejected because its unit would be a guess, and so is
     * what the simulator cannot honour exactly: a negative duration ({@code PT-5S}), a part finer than
     * a millisecond, or more than {@link #MAX}.
     *
     * @throws IllegalArgumentException naming what was expected
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expected " + EXPECTED + ", got an empty value");
        }
        String trimmed = text.trim();
        if (trimmed.startsWith("P") || trimmed.startsWith("p")) {
            Duration iso;
            try {
                iso = Duration.parse(trimmed.toUpperCase(java.util.Locale.ROOT));
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new IllegalArgumentException("expected " + EXPECTED + ", got \"" + text + "\"");
            }
            return checked(iso, text);
        }
        Matcher m = PART.matcher(trimmed);
        BigDecimal millis = BigDecimal.ZERO;
        int at = 0;
        while (at < trimmed.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("expected " + EXPECTED + ", got \"" + text + "\"");
            }
            millis = millis.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitMillis(m.group(2)))));
            at = m.end();
            if (millis.compareTo(MAX_MILLIS) > 0) {
                break;
            }
        }
        if (millis.compareTo(MAX_MILLIS) > 0) {
            throw tooLong(text);
        }
        if (millis.stripTrailingZeros().scale() > 0) {
            throw finerThanMillis(text);
        }
        return Duration.ofMillis(millis.longValueExact());
    }

    private static Duration checked(Duration d, String text) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("expected a duration of zero or more, got \"" + text + "\"");
        }
        if (d.compareTo(MAX) > 0) {
            throw tooLong(text);
        }
        if (d.getNano() % 1_000_000 != 0) {
            throw finerThanMillis(text);
        }
        return d;
    }

    private static IllegalArgumentException tooLong(String text) {
        return new IllegalArgumentException("expected a duration of at most " + format(MAX) + " (" + MAX.toDays() + "d), got \"" + text + "\"");
    }

    private static IllegalArgumentException finerThanMillis(String text) {
        return new IllegalArgumentException("expected a duration in whole milliseconds, got \"" + text + "\"");
    }

    private static long unitMillis(String unit) {
        return switch (unit) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> 86_400_000L;
        };
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
