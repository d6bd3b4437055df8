package dev.spotsim.simulator.events;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The time layouts AWS services write inside events, each service its own: the envelope and Auto
 * Scaling use ISO seconds, ECS ISO milliseconds, AWS Health RFC 1123, Batch epoch milliseconds.
 */
final class EventTimes {
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private EventTimes() {
    }

    /** 2026-01-01T12:00:00Z */
    static String seconds(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** 2026-01-01T12:00:00.000Z, always three digits. */
    static String millis(Instant t) {
        return ISO_MILLIS.format(t);
    }

    /** Thu, 15 Jan 2026 15:10:09 GMT */
    static String rfc1123(Instant t) {
        return RFC_1123.format(t);
    }

    /** 1767268800000 */
    static long epochMillis(Instant t) {
        return t.toEpochMilli();
    }
}
