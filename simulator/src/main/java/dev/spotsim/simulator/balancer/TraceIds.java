package dev.spotsim.simulator.balancer;

import java.util.concurrent.ThreadLocalRandom;

/**
 * ALB's {@code X-Amzn-Trace-Id}: {@code Root=1-<epoch seconds, 8 hex>-<24 hex>} on a request without
 * one; a request that already has a Root gets a fresh {@code Self} field in front, other fields kept.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-request-tracing.html
 */
final class TraceIds {
    static final String HEADER = "X-Amzn-Trace-Id";

    private TraceIds() {
    }

    /** The header value to send to the target, given the client's (or null). */
    static String forward(String incoming, long epochSecond) {
        String id = newId(epochSecond);
        if (incoming == null || incoming.isBlank()) {
            return "Root=" + id;
        }
        StringBuilder kept = new StringBuilder();
        boolean hasRoot = false;
        for (String field : incoming.split(";")) {
            String f = field.trim();
            if (f.isEmpty() || f.startsWith("Self=")) {
                continue;
            }
            hasRoot |= f.startsWith("Root=");
            kept.append(';').append(f);
        }
        return (hasRoot ? "Self=" : "Root=") + id + kept;
    }

    static String newId(long epochSecond) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder b = new StringBuilder(35).append("1-");
        hex(b, epochSecond & 0xffffffffL, 8);
        b.append('-');
        hex(b, random.nextLong() & 0xffffffffffffL, 12);
        hex(b, random.nextLong() & 0xffffffffffffL, 12);
        return b.toString();
    }

    private static void hex(StringBuilder b, long value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            b.append(Character.forDigit((int) (value >>> shift) & 0xf, 16));
        }
    }
}
