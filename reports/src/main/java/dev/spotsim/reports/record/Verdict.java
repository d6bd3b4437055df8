package dev.spotsim.reports.record;

import java.util.Arrays;

/** The SLO gate's answer and its exit code: every SLO holds (0), one is broken (2), or no verdict (1). */
public enum Verdict {
    PASS(0), FAIL(2), NO_VERDICT(1);

    private final int exitCode;

    Verdict(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static Verdict ofExitCode(int exitCode) {
        return Arrays.stream(values()).filter(v -> v.exitCode == exitCode).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("exit code: expected 0, 1 or 2, got " + exitCode));
    }
}
