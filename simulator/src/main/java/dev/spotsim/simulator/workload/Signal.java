package dev.spotsim.simulator.workload;

import java.util.Arrays;
import java.util.Locale;

/** The POSIX signals a platform sends to a workload, and those a crash ends one with (Linux numbers). */
public enum Signal {
    SIGHUP(1), SIGINT(2), SIGQUIT(3), SIGABRT(6), SIGBUS(7), SIGFPE(8), SIGKILL(9), SIGUSR1(10), SIGSEGV(11), SIGUSR2(12), SIGPIPE(13),
    SIGALRM(14), SIGTERM(15), SIGWINCH(28);

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** Reads "SIGTERM", "TERM", "sigterm" or "15", as Docker's STOPSIGNAL accepts them. */
    public static Signal parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (Signal s : values()) {
            if (t.equals(s.name()) || t.equals(s.name().substring(3)) || t.equals(Integer.toString(s.number))) {
                return s;
            }
        }
        throw new IllegalArgumentException("expected a signal like SIGTERM, one of " + Arrays.toString(values()) + ", got \"" + text + "\"");
    }

    /** The signal with Linux number {@code n}, or null when spotsim does not name it. */
    public static Signal ofNumber(int n) {
        return Arrays.stream(values()).filter(s -> s.number == n).findFirst().orElse(null);
    }
}
