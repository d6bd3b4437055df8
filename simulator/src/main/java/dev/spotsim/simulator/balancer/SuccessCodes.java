package dev.spotsim.simulator.balancer;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A health check's matcher: the HTTP codes that count as healthy, written as ALB writes them
 * ("200", "200,202", "200-399"); ALB allows codes 200..499 and defaults to 200.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
 */
public record SuccessCodes(List<Range> ranges) {
    public static final SuccessCodes ALB_DEFAULT = parse("200");

    /** Codes {@code from..to}, both included. */
    public record Range(int from, int to) {
        public Range {
            if (from < 200 || to > 499) {
                throw new IllegalArgumentException("health check success codes: " + from + (from == to ? "" : "-" + to)
                        + " is outside 200..499, as ALB allows");
            }
            if (from > to) {
                throw new IllegalArgumentException("health check success codes: range " + from + "-" + to + " runs backwards");
            }
        }

        @Override
        public String toString() {
            return from == to ? Integer.toString(from) : from + "-" + to;
        }
    }

    public SuccessCodes {
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("health check success codes: expected at least one code");
        }
        ranges = List.copyOf(ranges);
    }

    /** Parses a matcher; the message says what is wrong with it. */
    public static SuccessCodes parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("health check success codes: expected codes like \"200\", \"200,202\" or \"200-399\"");
        }
        List<Range> ranges = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] bounds = part.trim().split("-", -1);
            if (bounds.length > 2) {
                throw new IllegalArgumentException("health check success codes: \"" + part.trim() + "\" is not a code or a range like 200-399");
            }
            int from = code(spec, bounds[0]);
            ranges.add(new Range(from, bounds.length == 2 ? code(spec, bounds[1]) : from));
        }
        return new SuccessCodes(ranges);
    }

    private static int code(String spec, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("health check success codes: \"" + text.trim() + "\" in \"" + spec + "\" is not an HTTP code", e);
        }
    }

    public boolean matches(int status) {
        for (Range r : ranges) {
            if (status >= r.from() && status <= r.to()) {
                return true;
            }
        }
        return false;
    }

    /** The matcher as ALB writes it, e.g. "200,300-399". */
    @Override
    public String toString() {
        return ranges.stream().map(Range::toString).collect(Collectors.joining(","));
    }
}
