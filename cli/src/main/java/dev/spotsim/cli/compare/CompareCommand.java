package dev.spotsim.cli.compare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotsim.reports.compare.Metric;
import dev.spotsim.reports.compare.RunComparison;
import dev.spotsim.reports.compare.RunRecordFile;
import java.io.PrintWriter;
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
                + " --threshold (and by more than its noise floor: 0.1s, 1ms, 0.01%%, or any new failure) is marked WORSE."},
        footer = {"", "Exit codes: 0 compared (regressions only reported), 2 a regression with --fail-on-regression, 1 a run could not be read."})
public final class CompareCommand implements Callable<Integer> {
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
            base = RunRecordFile.read(baseline);
            cur = RunRecordFile.read(current);
        } catch (RunRecordFile.UnreadableRecordException e) {
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
}
