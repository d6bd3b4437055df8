package dev.spotsim.cli.load;

import dev.spotsim.cli.client.DurationConverter;
import dev.spotsim.gatling.GatlingLoad;
import dev.spotsim.gatling.GatlingLoadException;
import dev.spotsim.gatling.LoadResult;
import dev.spotsim.gatling.figures.FiguresCodec;
import dev.spotsim.gatling.figures.FiguresRecorder;
import dev.spotsim.gatling.figures.LoadFigures;
import dev.spotsim.scenarios.model.LoadSpec;
import dev.spotsim.scenarios.model.Scenario;
import dev.spotsim.scenarios.parse.InputException;
import dev.spotsim.scenarios.parse.StructuredReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spotsim load}: a scenario's load section (or a user's Gatling Simulation) run headless by
 * Gatling against a URL, writing machine-readable figures: per second, requests, failures by cause,
 * latency percentiles and an HdrHistogram. What a game day runs on each load generator through SSM.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Drive a scenario's load section (or your Gatling Simulation) at a URL with Gatling, headless, and write "
                + "per-second figures with latency histograms as JSON.",
                "The load comes from FILE's load section, --load-base64 (a load section as base64 JSON, what a game day sends "
                + "through SSM) or --simulation."},
        footer = {"", "Output: JSON to --out (default: stdout). With --ssm, stdout gets two lines instead, made for SSM Run Command's "
                + "24,000-character output: spotsim-load {\"requests\":N,\"failures\":M} and spotsim-load-figures <base64 gzip JSON>.",
                "Exit codes: 0 the load ran, 1 bad input or Gatling could not run, 2 the Simulation's own assertions failed."})
public final class LoadCommand implements Callable<Integer> {
    /** How long Ctrl-C waits for Gatling to end the run and the figures to be written. */
    private static final long CTRL_C_GRACE_SECONDS = 30;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "A scenario whose load section to run.")
    Path file;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "The base URL the requests go to (http or https).")
    URI url;

    @Option(names = "--load-base64", paramLabel = "B64", description = "A load section as base64 of its JSON (instead of FILE).")
    String loadBase64;

    @Option(names = "--simulation", paramLabel = "CLASS", description = "Your Gatling Simulation class on the classpath (instead of FILE); "
            + "it reads the URL from the system property " + GatlingLoad.BASE_URL_PROPERTY + ".")
    String simulation;

    @Option(names = "--rps", paramLabel = "N", description = "Replace the load section's rate (a game day gives each generator its share).")
    Double rps;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Replace the load section's duration (required with --simulation), e.g. 5m.")
    Duration duration;

    @Option(names = "--out", paramLabel = "FILE", description = "Where the JSON figures go; - or absent: stdout.")
    Path out;

    @Option(names = "--ssm", description = "Print the two SSM output lines on stdout (figures squeezed into SSM's inline cap).")
    boolean ssm;

    @Option(names = "--results", paramLabel = "DIR", description = "Where Gatling writes its own HTML report (default: a new temporary directory).")
    Path results;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            LoadSpec load = loadSpec();
            Path resultsDir = results != null ? results : Files.createTempDirectory("spotsim-load-");
            FiguresRecorder recorder = new FiguresRecorder();
            GatlingLoad gatling = new GatlingLoad(load, url, resultsDir, recorder);
            Instant startedAt = Instant.now();
            LoadResult result = runStoppable(gatling);
            LoadFigures figures = recorder.figures(url, startedAt, Instant.now());
            write(figures);
            err.println("spotsim load: " + figures.requests() + " requests, " + figures.failures() + " failed, to " + url
                    + (result.reportDir() == null ? "" : "; Gatling's report: " + result.reportDir().resolve("index.html")));
            err.flush();
            return result.gatlingExitCode() == 2 ? 2 : 0;
        } catch (InputException | IllegalArgumentException | GatlingLoadException e) {
            err.println("spotsim: " + e.getMessage());
            err.flush();
            return 1;
        } catch (IOException e) {
            err.println("spotsim: cannot write the figures: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    /** The load to run: exactly one source, then the command line's replacements. */
    LoadSpec loadSpec() {
        int sources = (file != null ? 1 : 0) + (loadBase64 != null ? 1 : 0) + (simulation != null ? 1 : 0);
        if (sources != 1) {
            throw new IllegalArgumentException("give exactly one of FILE, --load-base64 or --simulation (got " + sources + ")");
        }
        LoadSpec base;
        if (file != null) {
            Scenario scenario = new StructuredReader().read(file, Scenario.class);
            if (scenario.load() == null) {
                throw new IllegalArgumentException(file + ": load: the scenario has no load section");
            }
            base = scenario.load();
        } else if (loadBase64 != null) {
            String json;
            try {
                json = new String(Base64.getDecoder().decode(loadBase64.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--load-base64: not base64: " + e.getMessage(), e);
            }
            base = new StructuredReader().read(json, "--load-base64", true, LoadSpec.class);
        } else {
            if (duration == null) {
                throw new IllegalArgumentException("--simulation needs --duration (how long the figures are awaited for)");
            }
            base = new LoadSpec(null, null, duration, null, simulation);
        }
        if (rps != null && base.simulation() != null) {
            throw new IllegalArgumentException("--rps: a Simulation class sets its own injection; drop --rps");
        }
        return new LoadSpec(rps != null ? rps : base.rps(), base.rampUp(), duration != null ? duration : base.duration(), base.requests(),
                base.simulation());
    }

    /** Runs the load; Ctrl-C stops Gatling and waits (bounded) for the figures to be written. */
    private LoadResult runStoppable(GatlingLoad gatling) {
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            gatling.stop();
            try {
                done.await(CTRL_C_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "spotsim-load-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return gatling.run();
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook runs and returns once the figures are written (below, before the JVM exits).
            }
        }
    }

    private void write(LoadFigures figures) throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        if (out != null && !out.toString().equals("-")) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, FiguresCodec.toJson(figures, true) + "\n");
        }
        if (ssm) {
            stdout.println("spotsim-load {\"requests\":" + figures.requests() + ",\"failures\":" + figures.failures() + "}");
            stdout.println(FiguresCodec.line(figures, FiguresCodec.SSM_LINE_BUDGET));
        } else if (out == null || out.toString().equals("-")) {
            stdout.println(FiguresCodec.toJson(figures, true));
        }
        stdout.flush();
    }
}
