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
import java.io.UncheckedIOException;
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
                "became healthy, Ctrl-C)."})
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
                workdir == null ? null : workdir.toAbsolutePath(), startTimeout, quiet ? null : new ProgressLine(stderr, progressEvery), baselineMeasures));
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
        RunRecord record;
        try {
            record = run.run();
            RecordFiles.write(runDir, record);
        } finally {
            written.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for us.
            }
        }
        printVerdict(stdout, record, runDir);
        return record.exitCode();
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
        } catch (IOException e) {
            throw new UncheckedIOException("--out: cannot create a run directory in " + out + ": " + e.getMessage(), e);
        }
    }

    static void printVerdict(PrintWriter out, RunRecord record, Path runDir) {
        for (SloResult slo : record.slos()) {
            out.println(String.format(java.util.Locale.ROOT, "  %-8s", slo.holds() ? "ok" : slo.noData() ? "NO DATA" : "BROKEN") + slo.message());
        }
        String verdict = switch (record.exitCode()) {
            case 0 -> "PASS: every SLO holds";
            case 2 -> "FAIL: " + SloResult.failedSummary(record.slos());
            default -> "NO VERDICT: " + (record.error() != null ? record.error() : record.outcome());
        };
        out.println(record.scenario() + ": " + verdict);
        out.println("Report: " + runDir.resolve("report.html").toAbsolutePath());
        out.flush();
    }
}
