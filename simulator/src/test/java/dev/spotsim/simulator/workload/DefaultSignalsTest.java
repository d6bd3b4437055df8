package dev.spotsim.simulator.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A spotsim started in the background inherits SIGINT ignored, and an ignored signal survives exec: its workloads must
 * still start with every signal at its default handling, as ECS and Kubernetes start tasks. The outer
 * {@code env --ignore-signal=INT} plays the background shell; /proc/self/status's SigIgn mask says what the program got.
 */
class DefaultSignalsTest {
    private static final long SIGINT_BIT = 1L << (2 - 1);
    /** Signals 1 to 31; 32 and 33 are the C library's own, which a JVM's children may have ignored and env cannot reset. */
    private static final long STANDARD_SIGNALS = (1L << 31) - 1;
    private static final List<String> REPORT = List.of("/bin/sh", "-c", "grep '^SigIgn:' /proc/self/status");

    private static long ignoredMask(List<String> argv) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/env", "--ignore-signal=INT"));
        command.addAll(argv);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("the program's report").startsWith("SigIgn:");
        return Long.parseLong(out.substring("SigIgn:".length()).trim(), 16);
    }

    @Test
    void aProgramStartedUnderAnIgnoredSigintInheritsItUnlessItsSignalsAreReset() throws Exception {
        assertThat(ignoredMask(REPORT) & SIGINT_BIT).as("the background shell's SIGINT, inherited").isNotZero();
        assertThat(ignoredMask(ProcessRuntime.withDefaultSignals(REPORT)) & STANDARD_SIGNALS).as("every signal at its default").isZero();
    }
}
