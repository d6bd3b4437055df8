package dev.spotsim.reports.render.html;

import dev.spotsim.scenarios.time.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Escaping and number formatting shared by every part of the HTML report. */
public final class Html {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Html() {
    }

    /**
     * Escapes text for an HTML element or a quoted attribute (both quote kinds), and drops control
     * characters that have no place in a page; null becomes the empty string.
     */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A number with at most {@code decimals} decimals, trailing zeros dropped: 12, 12.5, 0.25. */
    public static String num(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "–";
        }
        String s = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return s;
    }

    /** A coordinate for SVG: one decimal is finer than a pixel and keeps the file small. */
    public static String px(double v) {
        return num(v, 1);
    }

    /** Milliseconds for people: {@code 4.2 ms}. */
    public static String ms(double millis) {
        return num(millis, 1) + " ms";
    }

    /**
     * A duration for people: tenths of a second below two minutes ({@code 22.3 s}), then the way
     * scenarios write them to the second ({@code 4m5s}); "–" when null.
     */
    public static String duration(Duration d) {
        if (d == null) {
            return "–";
        }
        if (d.abs().compareTo(Duration.ofMinutes(2)) < 0) {
            return num(d.toMillis() / 1000.0, 1) + " s";
        }
        return Durations.format(d.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /** Seconds since the run started, for axes and tables: {@code t+30.2s}. */
    public static String offset(double seconds) {
        return "t+" + num(seconds, 1) + "s";
    }

    /** Wall-clock time of day in UTC with milliseconds. */
    public static String clock(Instant at) {
        return at == null ? "–" : CLOCK.format(at);
    }

    /** Date and time in UTC to the second. */
    public static String stamp(Instant at) {
        return at == null ? "–" : STAMP.format(at);
    }

    /** A CSS-class-safe token of {@code s} (letters, digits, dashes), for kinds and causes. */
    public static String token(String s) {
        String t = s == null ? "" : s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
        return t.isEmpty() ? "none" : t;
    }

    /** A text resource next to this report's classes (its CSS and script), read once at class loading. */
    public static String resource(String name) {
        String path = "/dev/spotsim/reports/" + name;
        try (InputStream in = Html.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path + " in the reports jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
