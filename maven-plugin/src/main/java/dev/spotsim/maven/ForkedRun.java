package dev.spotsim.maven;

import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.runner.ProgressLine;
import dev.spotsim.runner.ScenarioRunner;
import dev.spotsim.scenarios.time.Durations;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The forked JVM's main: runs one scenario with {@link ScenarioRunner} and exits with the run's exit code. Its
 * standard output carries only spotsim's own lines (progress, warnings, the run directory, the verdict) for the
 * build log; everything else the run's libraries print (Gatling's console summary, their INFO lines) goes to the
 * run directory's {@code console.log}.
 */
public final class ForkedRun {
    /** Line prefixes on the fork's standard output that the plugin reads rather than logs. */
    static final String RUN_DIR = "spotsim.runDir=";
    static final String WARNING = "spotsim.warning=";
    static final String ERROR = "spotsim.error=";
    /** Options, each followed by its value. */
    static final String SCENARIO = "--scenario";
    static final String OUT = "--out";
    static final String SEED = "--seed";
    static final String WORKDIR = "--workdir";
    static final String START_TIMEOUT = "--start-timeout";
    static final String BASELINE = "--baseline";
    static final String PROGRESS = "--progress";

    private ForkedRun() {
    }

    public static void main(String[] args) {
        PrintStream ours = System.out;
        int exitCode;
        try {
            exitCode = run(options(args), ours);
        } catch (RuntimeException e) {
            ours.println(ERROR + e.getMessage());
            exitCode = 1;
        }
        ours.flush();
        // Vert.x and Gatling leave non-daemon threads behind; the run has stopped everything it started.
        System.exit(exitCode);
    }

    private static int run(Map<String, String> options, PrintStream ours) {
        PrintWriter progress = new PrintWriter(new OutputStreamWriter(ours, StandardCharsets.UTF_8), true);
        ScenarioRunner runner = ScenarioRunner.prepare(Path.of(required(options, SCENARIO)), settings(options, progress));
        ours.println(RUN_DIR + runner.runDir().toAbsolutePath());
        runner.warnings().forEach(w -> ours.println(WARNING + w));
        ours.flush();
        captureConsole(runner.runDir().resolve("console.log"));
        CountDownLatch written = new CountDownLatch(1);
        Thread abort = new Thread(() -> {
            // The build was stopped (Ctrl-C, a CI timeout): stop every process, keep what was measured.
            runner.abort();
            await(written);
        }, "spotsim-fork-abort");
        Runtime.getRuntime().addShutdownHook(abort);
        try {
            RunRecord record = runner.run();
            return record.exitCode();
        } finally {
            written.countDown();
        }
    }

    private static ScenarioRunner.Settings settings(Map<String, String> o, PrintWriter progress) {
        return ScenarioRunner.Settings.into(Path.of(required(o, OUT)))
                .withSeed(o.containsKey(SEED) ? Long.valueOf(o.get(SEED)) : null)
                .withWorkdir(o.containsKey(WORKDIR) ? Path.of(o.get(WORKDIR)) : null)
                .withStartTimeout(o.containsKey(START_TIMEOUT) ? Durations.parse(o.get(START_TIMEOUT)) : null)
                .withBaseline(o.containsKey(BASELINE) ? Path.of(o.get(BASELINE)) : null)
                .withProgress(new ProgressLine(progress, o.containsKey(PROGRESS) ? Durations.parse(o.get(PROGRESS)) : Duration.ofSeconds(10)));
    }

    /** From here on, whatever the libraries print goes to the run's console.log, not to the build log. */
    private static void captureConsole(Path file) {
        try {
            PrintStream log = new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8);
            System.setOut(log);
            System.setErr(log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static Map<String, String> options(String[] args) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("expected --option value pairs, got " + String.join(" ", args));
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
