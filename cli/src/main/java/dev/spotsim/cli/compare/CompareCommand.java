package dev.spotsim.cli.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.reports.compare.Metric;
import dev.spotsim.reports.compare.RunComparison;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spotsim compare BASELINE CURRENT}: two runs' figures side by side, regressions flagged. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compares two runs (run.json files or run directories): detection, drain, killed workloads, failed requests,"
                + " latency, recovery and capacity, each with its change against the baseline. A metric worse by more than"
                + " --threshold (and by more than its noise floor: 0.1s, 1ms, 0.01%, or any new failure) is marked WORSE."},
        footer = {"", "Exit codes: 0 compared (regressions only reported), 2 a regression with --fail-on-regression, 1 a run could not be read."})
public final class CompareCommand implements Callable<Integer> {
    /** Larger than any run.json spotsim writes (per-second samples of a long run), smaller than a mistake. */
    private static final long MAX_RECORD_BYTES = 64L * 1024 * 1024;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASELINE", description = "the baseline run: its run.json or its run directory")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CURRENT", description = "the run to judge: its run.json or its run directory")
    Path current;

    @Option(names = "--threshold", paramLabel = "PERCENT", defaultValue = "10",
            description = "how much worse than the baseline a metric may get before it is flagged, in percent (default: ${DEFAULT-VALUE})")
    double thresholdPercent;

    @Option(names = "--fail-on-regression", description = "exit 2 when a metric is flagged WORSE")
    boolean failOnRegression;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (thresholdPercent < 0 || Double.isNaN(thresholdPercent)) {
            err.println("compare: --threshold: expected a percentage >= 0, got " + thresholdPercent);
            return 1;
        }
        JsonNode base;
        JsonNode cur;
        try {
            base = read(baseline);
            cur = read(current);
        } catch (RecordException e) {
            err.println("compare: " + e.getMessage());
            return 1;
        }
        RunComparison comparison = RunComparison.of(base, cur, thresholdPercent);
        out.println("baseline: " + comparison.baselineRun() + " (" + baseline + ")");
        out.println("current:  " + comparison.currentRun() + " (" + current + ")");
        out.println();
        out.print(comparison.table());
        List<Metric> worse = comparison.regressions();
        out.println();
        if (worse.isEmpty()) {
            out.println("No metric is worse than the baseline by more than " + Metric.format(Metric.Unit.PERCENT, thresholdPercent) + ".");
        } else {
            out.println(worse.size() + " metric" + (worse.size() == 1 ? " is" : "s are") + " worse than the baseline by more than "
                    + Metric.format(Metric.Unit.PERCENT, thresholdPercent) + ": "
                    + String.join(", ", worse.stream().map(Metric::key).toList()));
        }
        out.flush();
        return failOnRegression && !worse.isEmpty() ? 2 : 0;
    }

    /** Reads a run.json (or the run.json in a run directory) as a tree; every failure is one line. */
    static JsonNode read(Path given) {
        Path file = Files.isDirectory(given) ? given.resolve("run.json") : given;
        try {
            if (!Files.isRegularFile(file)) {
                throw new RecordException(file + ": not found" + (Files.isDirectory(given) ? " (is " + given + " a run directory?)" : ""));
            }
            if (Files.size(file) > MAX_RECORD_BYTES) {
                throw new RecordException(file + ": larger than " + MAX_RECORD_BYTES / (1024 * 1024) + " MiB, not a run record");
            }
            JsonNode tree = new ObjectMapper().readTree(file.toFile());
            if (tree == null || !tree.isObject() || !tree.has("measures") && !tree.has("runId")) {
                throw new RecordException(file + ": not a spotsim run record (expected a JSON object with runId and measures)");
            }
            return tree;
        } catch (NoSuchFileException e) {
            throw new RecordException(file + ": not found");
        } catch (JsonProcessingException e) {
            throw new RecordException(file + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr()
                    + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RecordException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** A run record that cannot be read, with what to fix. */
    static final class RecordException extends RuntimeException {
        RecordException(String message) {
            super(message);
        }
    }
}
