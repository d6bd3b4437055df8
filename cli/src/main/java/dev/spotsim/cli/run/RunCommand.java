package dev.spotsim.cli.run;

import dev.spotsim.reports.compare.RunRecordFile;
import dev.spotsim.reports.record.Measures;
import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.record.SloResult;
import dev.spotsim.reports.render.RecordFiles;
import dev.spotsim.scenarios.check.Finding;
import dev.spotsim.scenarios.check.TimingCheck;
import dev.spotsim.scenarios.model.Scenario;
import dev.spotsim.scenarios.model.Slo;
import dev.spotsim.scenarios.parse.StructuredReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spotsim run}: plays a scenario on the local simulator, measures the drain, and gates on its SLOs. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a scenario locally: start the simulated fleet and the workload behind a local balancer, drive the",
                "load with Gatling, play the interruptions, wait for capacity to recover, then write the record to",
                "<out>/<run-id>/ (run.json, events.jsonl, seconds.csv, junit.xml, summary.md, report.html, gatling/, logs/).",
                "Ctrl-C stops every process it started and still writes what was measured."},
        footer = {"", "Exit codes: 0 every SLO holds, 2 an SLO is broken, 1 no verdict (bad input, a workload that never",
                "became healthy), 130 stopped by Ctrl-C (SIGINT), 143 stopped by SIGTERM (a CI job cancelled or timed out);",
                "run.json's exitCode is the same number."})
public final class RunCommand implements Callable<Integer> {
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @Parameters(paramLabel = "FILE", description = "The scenario (YAML or JSON).")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "${env:SPOTSIM_OUT:-spotsim-out}",
            description = "Where run directories go (env SPOTSIM_OUT; default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Overrides the scenario's seed for random picks.")
    Long seed;

    @Option(names = "--workdir", paramLabel = "DIR", description = "Where workload commands run (default: the current directory).")
    Path workdir;

    @Option(names = "--start-timeout", paramLabel = "DURATION", converter = dev.spotsim.cli.client.DurationConverter.class,
            defaultValue = "2m", description = "How long the workload may take to become healthy (default ${DEFAULT-VALUE}).")
    Duration startTimeout;

    @Option(names = "--progress", paramLabel = "DURATION", converter = dev.spotsim.cli.client.DurationConverter.class,
            defaultValue = "5s", description = "How often the progress line is printed (default ${DEFAULT-VALUE}).")
    Duration progressEvery;

    @Option(names = "--baseline", paramLabel = "RUN",
            description = "An earlier run (its run.json or run directory) that relative SLOs such as drainTime.p95: \"<= baseline + 10%%\" compare against.")
    Path baseline;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines; only the verdict.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Scenario scenario = new StructuredReader().read(file, Scenario.class);
        Measures baselineMeasures = baseline == null ? null : RunRecordFile.measures(baseline);
        Path workingDirectory = checkedWorkdir();
        for (Finding f : TimingCheck.check(scenario)) {
            stderr.println("spotsim: check: " + f.severity().name().toLowerCase() + " " + f.field() + ": " + f.message());
        }
        long relative = scenario.parsedSlos().stream().filter(Slo::isRelative).count();
        if (relative > 0 && baselineMeasures == null) {
            stderr.println("spotsim: " + relative + " SLO" + (relative == 1 ? " is" : "s are") + " relative to a baseline but no --baseline RUN was given:"
                    + " they will read \"no baseline\" and break the gate");
        }
        long actualSeed = seed != null ? seed : scenario.seed();
        Path runDir = newRunDir(scenario.name());
        LocalRun run = new LocalRun(scenario, runDir.getFileName().toString(), new LocalRun.Options(runDir, actualSeed,
                workingDirectory, startTimeout, quiet ? null : new ProgressLine(stderr, progressEvery), baselineMeasures));
        stderr.println("spotsim: running " + scenario.name() + " (seed " + actualSeed + ") into " + runDir);
        stderr.flush();
        CountDownLatch written = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            run.abort();
            try {
                // Ctrl-C: let the run stop its processes and write what it measured before the JVM goes.
                written.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "spotsim-run-abort");
        Runtime.getRuntime().addShutdownHook(hook);
        SignalWatch signals = SignalWatch.install();
        RunRecord record;
        try {
            record = signals.stamp(run.run());
            RecordFiles.write(runDir, record);
            // Before the latch: after a signal the JVM exits as soon as the shutdown hook returns.
            printVerdict(stdout, record, runDir);
        } finally {
            written.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for us.
            }
        }
        return record.exitCode();
    }

    /** The workload's directory, checked before anything starts; null for the current directory. */
    private Path checkedWorkdir() {
        if (workdir == null) {
            return null;
        }
        if (!Files.isDirectory(workdir)) {
            throw new IllegalArgumentException("--workdir: " + workdir + (Files.exists(workdir) ? " is not a directory" : " does not exist")
                    + "; give the directory the workload's commands run in");
        }
        return workdir.toAbsolutePath();
    }

    private Path newRunDir(String name) {
        String id = RUN_ID.format(java.time.Instant.now()) + "-" + name;
        try {
            Files.createDirectories(out);
            Path dir = out.resolve(id);
            for (int n = 2; Files.exists(dir); n++) {
                dir = out.resolve(id + "-" + n);
            }
            return Files.createDirectory(dir);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("--out: cannot create a run directory in " + out + " (" + reason(e)
                    + "); choose a writable directory with --out or SPOTSIM_OUT");
        }
    }

    /** What the file system said, in words: "not a directory", "read-only file system", "permission denied". */
    private static String reason(Exception e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return f.getFile() + " exists and is not a directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException || e instanceof java.nio.file.NotDirectoryException) {
            return "the file system cannot hold a directory there";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Which signal stopped the run, so run.json and the process agree: the JVM exits with 128 + the
     * signal's number after a signal (130 for Ctrl-C, 143 for SIGTERM), the convention shells and CI
     * runners read as "stopped", distinct from 1 (no verdict for a reason of the run's own).
     */
    static final class SignalWatch {
        private volatile int signal;

        static SignalWatch install() {
            SignalWatch watch = new SignalWatch();
            for (String name : new String[] {"INT", "TERM"}) {
                try {
                    sun.misc.Signal sig = new sun.misc.Signal(name);
                    sun.misc.SignalHandler[] previous = new sun.misc.SignalHandler[1];
                    previous[0] = sun.misc.Signal.handle(sig, s -> {
                        watch.signal = s.getNumber();
                        previous[0].handle(s);
                    });
                } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
                    // No such signal here (or handled elsewhere): the record keeps the run's own exit code.
                }
            }
            return watch;
        }

        /** The record with the exit code the process will end with when a signal stopped it. */
        RunRecord stamp(RunRecord r) {
            int s = signal;
            if (s == 0) {
                return r;
            }
            return new RunRecord(r.runId(), r.scenario(), r.target(), r.seed(), r.startedAt(), r.endedAt(), r.outcome(), r.error(),
                    r.timeline(), r.workloads(), r.seconds(), r.measures(), r.slos(), 128 + s);
        }
    }

    static void printVerdict(PrintWriter out, RunRecord record, Path runDir) {
        for (SloResult slo : record.slos()) {
            out.println(String.format(java.util.Locale.ROOT, "  %-8s", slo.holds() ? "ok" : slo.noData() ? "NO DATA" : "BROKEN") + slo.message());
        }
        dev.spotsim.reports.render.MarkdownSummary.undrained(record).forEach(line -> out.println("  why: " + line));
        String verdict = switch (record.exitCode()) {
            case 0 -> "PASS: every SLO holds";
            case 130, 143 -> "STOPPED (" + (record.exitCode() == 130 ? "Ctrl-C" : "SIGTERM") + "), no verdict: what was measured is in the record";
            case 2 -> "FAIL: " + SloResult.failedSummary(record.slos());
            default -> "NO VERDICT: " + (record.error() != null ? record.error() : record.outcome());
        };
        out.println(record.scenario() + ": " + verdict);
        out.println("Report: " + runDir.resolve("report.html").toAbsolutePath());
        out.flush();
    }
}
