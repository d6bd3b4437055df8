package dev.spotsim.client;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations on the control API's wire: the simulator writes {@code 2m}, {@code 1m30s}, {@code 250ms}; it reads those and ISO-8601. */
final class WireDurations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private WireDurations() {
    }

    static Duration parse(String text) {
        if (text.startsWith("P") || text.startsWith("-P")) {
            return Duration.parse(text);
        }
        Matcher m = PART.matcher(text);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("not a duration: \"" + text + "\"");
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            at = m.end();
        }
        return total;
    }

    /** The simulator's own short form ({@code 2m}, {@code 1m30s}, {@code 250ms}); ISO-8601 for what it cannot show (negative, sub-millisecond). */
    static String format(Duration d) {
        if (d.isNegative() || d.getNano() % 1_000_000 != 0) {
            return d.toString();
        }
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        append(out, d.toHours(), "h");
        append(out, d.toMinutesPart(), "m");
        append(out, d.toSecondsPart(), "s");
        append(out, d.toMillisPart(), "ms");
        return out.toString();
    }

    private static void append(StringBuilder out, long amount, String unit) {
        if (amount > 0) {
            out.append(amount).append(unit);
        }
    }
}
