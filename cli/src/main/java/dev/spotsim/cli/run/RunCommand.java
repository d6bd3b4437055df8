package dev.spotsim.cli.run;

import dev.spotsim.cli.console.Colour;
import dev.spotsim.cli.console.OutputRouting;
import dev.spotsim.cli.console.Terminal;
import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.record.SloResult;
import dev.spotsim.runner.ProgressLine;
import dev.spotsim.runner.ScenarioRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
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

    @Option(names = {"-q", "--quiet"}, description = "No plan and no progress lines; only the verdict.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = {"Also show other tools' output on the console: Gatling's summary, the",
            "simulator's and libraries' log lines. They always go to <run-dir>/" + LOG_FILE + "."})
    boolean verbose;

    @Spec
    CommandSpec spec;

    /** Where other tools' output goes, inside the run directory. */
    public static final String LOG_FILE = "spotsim.log";

    private final Terminal terminal;

    public RunCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws java.io.IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        OutputRouting routing = terminal.routing();
        if (routing != null) {
            routing.quiet(verbose);
        }
        ScenarioRunner run = ScenarioRunner.prepare(file, new ScenarioRunner.Settings(out, seed, workdir, startTimeout, baseline,
                quiet ? null : new ProgressLine(stderr, progressEvery), null));
        if (routing != null) {
            routing.logFile(run.runDir().resolve(LOG_FILE));
        }
        run.warnings().forEach(w -> stderr.println("spotsim: " + w));
        stderr.println("spotsim: running " + run.scenario().name() + " (seed " + run.seed() + ") into " + run.runDir());
        if (!quiet) {
            RunPlan.lines(run.scenario()).forEach(stderr::println);
        }
        if (routing != null && !verbose && !quiet) {
            stderr.println("spotsim: other tools' output (Gatling, libraries) goes to " + run.runDir().resolve(LOG_FILE) + " (--verbose shows it)");
        }
        stderr.flush();
        Path runDir = run.runDir();
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
            record = run.write(signals.stamp(run.execute()));
            // Before the latch: after a signal the JVM exits as soon as the shutdown hook returns.
            printVerdict(stdout, record, runDir, terminal.colour());
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

    static void printVerdict(PrintWriter out, RunRecord record, Path runDir, Colour colour) {
        for (SloResult slo : record.slos()) {
            String mark = String.format(java.util.Locale.ROOT, "%-8s", slo.holds() ? "ok" : slo.noData() ? "NO DATA" : "BROKEN");
            out.println("  " + (slo.holds() ? colour.green(mark) : slo.noData() ? colour.yellow(mark) : colour.red(mark)) + slo.message());
        }
        dev.spotsim.reports.render.MarkdownSummary.undrained(record).forEach(line -> out.println("  why: " + line));
        String verdict = dev.spotsim.runner.VerdictLines.verdict(record);
        out.println(record.scenario() + ": " + (record.exitCode() == 0 ? colour.green(verdict) : colour.red(verdict)));
        out.println("Report: " + runDir.resolve("report.html").toAbsolutePath());
        out.flush();
    }
}
