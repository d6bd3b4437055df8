package dev.spotsim.runner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotsim.reports.compare.RunComparison;
import dev.spotsim.reports.compare.RunRecordFile;
import dev.spotsim.reports.record.Measures;
import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.render.RecordFiles;
import dev.spotsim.scenarios.check.Finding;
import dev.spotsim.scenarios.check.TimingCheck;
import dev.spotsim.scenarios.model.Scenario;
import dev.spotsim.scenarios.model.Slo;
import dev.spotsim.scenarios.parse.StructuredReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The embeddable run of one scenario file, shared by {@code spotsim run}, the Maven plugin and the JUnit
 * scenario API: {@link #prepare} reads and checks everything (the scenario, the working directory, the
 * baseline) and only then creates the run directory; {@link #run()} plays the scenario and writes the
 * record's files (run.json, junit.xml, summary.md, report.html, ...) into it.
 * Bad input is an {@link IllegalArgumentException} whose message names the file, field and what was expected.
 */
public final class ScenarioRunner {
    /** How much worse than the baseline a figure may get before the report marks it (as {@code spotsim compare}'s default). */
    private static final double BASELINE_THRESHOLD_PERCENT = 10;
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /**
     * How to run: where run directories go, a seed overriding the scenario's (or null), where workload commands
     * run (null: the current directory), how long the workload may take to get healthy (null: 2 minutes), an
     * earlier run for relative SLOs (null: none), the progress line (null: silent), a fixed run id (null: time + name).
     */
    public record Settings(Path out, Long seed, Path workdir, Duration startTimeout, Path baseline, ProgressLine progress, String runId) {
        public Settings {
            out = out == null ? Path.of("spotsim-out") : out;
        }

        /** Defaults everywhere, run directories under {@code out}. */
        public static Settings into(Path out) {
            return new Settings(out, null, null, null, null, null, null);
        }

        public Settings withSeed(Long s) {
            return new Settings(out, s, workdir, startTimeout, baseline, progress, runId);
        }

        public Settings withWorkdir(Path w) {
            return new Settings(out, seed, w, startTimeout, baseline, progress, runId);
        }

        public Settings withStartTimeout(Duration t) {
            return new Settings(out, seed, workdir, t, baseline, progress, runId);
        }

        public Settings withBaseline(Path b) {
            return new Settings(out, seed, workdir, startTimeout, b, progress, runId);
        }

        public Settings withProgress(ProgressLine p) {
            return new Settings(out, seed, workdir, startTimeout, baseline, p, runId);
        }

        public Settings withRunId(String id) {
            return new Settings(out, seed, workdir, startTimeout, baseline, progress, id);
        }
    }

    private final Scenario scenario;
    private final Path runDir;
    private final long seed;
    private final List<String> warnings;
    private final LocalRun run;
    /** The baseline run's record, shown beside this run in report.html and summary.md; null without one. */
    private final JsonNode baseline;

    private ScenarioRunner(Scenario scenario, Path runDir, long seed, List<String> warnings, LocalRun run, JsonNode baseline) {
        this.baseline = baseline;
        this.scenario = scenario;
        this.runDir = runDir;
        this.seed = seed;
        this.warnings = List.copyOf(warnings);
        this.run = run;
    }

    /** Reads and checks the scenario and its settings, then creates the run directory; nothing runs yet. */
    public static ScenarioRunner prepare(Path file, Settings settings) {
        Scenario scenario = new StructuredReader().read(file, Scenario.class);
        JsonNode baselineRecord = settings.baseline() == null ? null : RunRecordFile.read(settings.baseline());
        Measures baseline = settings.baseline() == null ? null : RunRecordFile.measures(settings.baseline());
        Path workdir = checkedWorkdir(settings.workdir());
        List<String> warnings = new ArrayList<>();
        for (Finding f : TimingCheck.check(scenario)) {
            warnings.add("check: " + f.severity().name().toLowerCase(Locale.ROOT) + " " + f.field() + ": " + f.message());
        }
        long relative = scenario.parsedSlos().stream().filter(Slo::isRelative).count();
        if (relative > 0 && baseline == null) {
            warnings.add(relative + " SLO" + (relative == 1 ? " is" : "s are") + " relative to a baseline but no baseline run was given:"
                    + " they will read \"no baseline\" and break the gate");
        }
        long seed = settings.seed() != null ? settings.seed() : scenario.seed();
        Path runDir = newRunDir(settings.out(), settings.runId() != null ? settings.runId() : RUN_ID.format(Instant.now()) + "-" + scenario.name());
        LocalRun run = new LocalRun(scenario, runDir.getFileName().toString(),
                new LocalRun.Options(runDir, seed, workdir, settings.startTimeout(), settings.progress(), baseline));
        return new ScenarioRunner(scenario, runDir, seed, warnings, run, baselineRecord);
    }

    /** Prepares and runs with the given settings, writing the run directory; the record says the verdict. */
    public static RunRecord run(Path file, Settings settings) {
        return prepare(file, settings).run();
    }

    public Scenario scenario() {
        return scenario;
    }

    public Path runDir() {
        return runDir;
    }

    public long seed() {
        return seed;
    }

    /** What the timing check and the SLOs' baseline said, one line each, without a prefix. */
    public List<String> warnings() {
        return warnings;
    }

    /** Plays the scenario to its end (or {@link #abort()}) and writes its files; failures become an "error" record. */
    public RunRecord run() {
        return write(execute());
    }

    /** Plays the scenario and returns its record without writing it (the CLI stamps the exit code of a signal first). */
    public RunRecord execute() {
        return run.run();
    }

    /** Writes the record's files into the run directory (beside the baseline's figures, when given) and returns the record. */
    public RunRecord write(RunRecord record) {
        RunComparison comparison = baseline == null ? null
                : RunComparison.of(baseline, RecordFiles.json().valueToTree(record), BASELINE_THRESHOLD_PERCENT);
        RecordFiles.write(runDir, record, comparison);
        return record;
    }

    /** Ends the run early (Ctrl-C, a test's timeout): everything started is stopped and what was measured is kept. */
    public void abort() {
        run.abort();
    }

    /** The workload's directory, checked before anything starts; null for the current directory. */
    private static Path checkedWorkdir(Path workdir) {
        if (workdir == null) {
            return null;
        }
        if (!Files.isDirectory(workdir)) {
            throw new IllegalArgumentException("--workdir: " + workdir + (Files.exists(workdir) ? " is not a directory" : " does not exist")
                    + "; give the directory the workload's commands run in");
        }
        return workdir.toAbsolutePath();
    }

    private static Path newRunDir(Path out, String id) {
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
            return f.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
