package dev.spotsim.client;

import java.time.Duration;

/** IMDS faults of one instance: a delay before each answer, a share of errors (with their status) and of timeouts. */
public record Faults(Duration delay, Integer errorStatus, Double errorRate, Double timeoutRate) {
    /** Every answer delayed by {@code delay}. */
    public static Faults delay(Duration delay) {
        return new Faults(delay, null, null, null);
    }

    /** A share (0..1) of answers fail with {@code status}. */
    public static Faults errors(int status, double rate) {
        return new Faults(null, status, rate, null);
    }
}
