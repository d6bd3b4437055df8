package dev.spotsim.maven;

import dev.spotsim.reports.compare.RunRecordFile;
import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.render.RecordFiles;
import dev.spotsim.runner.VerdictLines;
import dev.spotsim.scenarios.model.Scenario;
import dev.spotsim.scenarios.parse.StructuredReader;
import dev.spotsim.scenarios.time.Durations;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code spotsim:run}: runs each scenario on the local simulator (one forked JVM per scenario) into
 * {@code target/spotsim/<run-id>/}, and copies its JUnit XML where CI's test report reads it. Like failsafe's
 * integration-test, it never fails the build for a broken SLO: it records the verdicts, and {@code spotsim:verify}
 * judges them. Invalid scenarios or settings fail it at once, before anything runs.
 */
@Mojo(name = "run", defaultPhase = LifecyclePhase.INTEGRATION_TEST, requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class RunMojo extends SpotsimMojo {
    /** Overrides every scenario's seed for random picks ({@code -Dspotsim.seed=7}). */
    @Parameter(property = "spotsim.seed")
    Long seed;

    /** An earlier run (its run.json or run directory) that relative SLOs such as {@code "<= baseline + 10%"} compare against. */
    @Parameter(property = "spotsim.baseline")
    File baseline;

    /** Where workload commands run. */
    @Parameter(property = "spotsim.workdir", defaultValue = "${project.basedir}")
    File workdir;

    /** How long the workload may take to become healthy ("2m", "90s"). */
    @Parameter(property = "spotsim.startTimeout", defaultValue = "2m")
    String startTimeout;

    /** How often the progress line is logged. */
    @Parameter(property = "spotsim.progress", defaultValue = "10s")
    String progress;

    /** Where each run's JUnit XML is copied, as {@code TEST-spotsim-<scenario>.xml}. */
    @Parameter(property = "spotsim.reportsDirectory", defaultValue = "${project.build.directory}/failsafe-reports")
    File reportsDirectory;

    /** More options for the forked JVM ("-Xmx512m -Dsome.property=x"), split on spaces. */
    @Parameter(property = "spotsim.argLine")
    String argLine;

    /** Skips the runs, as failsafe does ({@code -DskipITs}). */
    @Parameter(property = "skipITs", defaultValue = "false")
    boolean skipITs;

    /** Skips the runs, as failsafe does ({@code -DskipTests}). */
    @Parameter(property = "skipTests", defaultValue = "false")
    boolean skipTests;

    @Parameter(defaultValue = "${plugin.artifacts}", readonly = true, required = true)
    List<Artifact> pluginArtifacts;

    @Parameter(defaultValue = "${project.testClasspathElements}", readonly = true)
    List<String> testClasspath;

    @Parameter(defaultValue = "${session.request.startTime}", readonly = true)
    Date buildStartedAt;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped(skipITs ? "skipITs" : skipTests ? "skipTests" : null)) {
            return;
        }
        List<Path> files = scenarioFiles();
        Map<Path, Scenario> scenarios = readAll(files);
        checkSettings();
        List<RunSummary.Entry> entries = new ArrayList<>();
        if (scenarios.isEmpty()) {
            // Recorded all the same: spotsim:verify says "no scenario ran" (and fails unless failIfNoScenarios is false).
            getLog().warn("spotsim: no scenarios to run; set <scenarios> or -Dspotsim.scenarios=FILE,DIR");
            RunSummary.append(summaryFile(), buildStart(), entries);
            return;
        }
        ScenarioFork fork = new ScenarioFork(Path.of(System.getProperty("java.home"), "bin", "java").toString(), jvmArgs(), classpath(), getLog());
        Set<String> reportNames = new HashSet<>();
        for (Map.Entry<Path, Scenario> s : scenarios.entrySet()) {
            getLog().info("spotsim: running " + s.getValue().name() + " (" + shown(s.getKey()) + ")");
            ScenarioFork.Outcome outcome = fork.run(options(s.getKey()), workdir.toPath());
            RunSummary.Entry entry = entry(s.getKey(), s.getValue(), outcome, reportNames);
            entries.add(entry);
            for (String line : entry.describe()) {
                if (entry.exitCode() == 0) {
                    getLog().info(line);
                } else {
                    getLog().warn(line);
                }
            }
        }
        RunSummary.append(summaryFile(), buildStart(), entries);
    }

    /** When this build started, so a second execution of run in it adds to the summary instead of replacing it. */
    private java.time.Instant buildStart() {
        return buildStartedAt == null ? java.time.Instant.EPOCH : buildStartedAt.toInstant();
    }

    /** Every scenario read before anything runs; all invalid ones in one failure, each with file:line:col. */
    private Map<Path, Scenario> readAll(List<Path> files) throws MojoFailureException {
        Map<Path, Scenario> read = new LinkedHashMap<>();
        List<String> invalid = new ArrayList<>();
        StructuredReader reader = new StructuredReader();
        for (Path f : files) {
            try {
                read.put(f, reader.read(f, Scenario.class));
            } catch (RuntimeException e) {
                invalid.add(e.getMessage());
                getLog().error(e.getMessage());
            }
        }
        if (!invalid.isEmpty()) {
            throw new MojoFailureException("spotsim: " + invalid.size() + " invalid scenario" + (invalid.size() == 1 ? "" : "s") + ", nothing ran:\n"
                    + String.join("\n", invalid));
        }
        return read;
    }

    /** The settings every run shares, checked once: a bad duration or baseline is the user's to fix before anything starts. */
    private void checkSettings() throws MojoFailureException {
        try {
            Durations.parse(startTimeout);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("startTimeout: " + e.getMessage());
        }
        try {
            Durations.parse(progress);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("progress: " + e.getMessage());
        }
        if (!workdir.isDirectory()) {
            throw new MojoFailureException("workdir: " + workdir + (workdir.exists() ? " is not a directory" : " does not exist")
                    + "; give the directory the workload commands run in");
        }
        if (baseline != null) {
            try {
                RunRecordFile.measures(baseline.toPath());
            } catch (IllegalArgumentException e) {
                throw new MojoFailureException("baseline: " + e.getMessage());
            }
        }
    }

    private List<String> options(Path scenario) {
        List<String> o = new ArrayList<>(List.of(ForkedRun.SCENARIO, scenario.toAbsolutePath().toString(),
                ForkedRun.OUT, outputDirectory.getAbsolutePath(), ForkedRun.WORKDIR, workdir.getAbsolutePath(),
                ForkedRun.START_TIMEOUT, startTimeout, ForkedRun.PROGRESS, progress));
        if (seed != null) {
            o.addAll(List.of(ForkedRun.SEED, seed.toString()));
        }
        if (baseline != null) {
            o.addAll(List.of(ForkedRun.BASELINE, baseline.getAbsolutePath()));
        }
        return o;
    }

    private List<String> jvmArgs() {
        List<String> args = new ArrayList<>(List.of(
                // Gatling in-process needs it (see the gatling module).
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                // Gatling's version check keeps state in Java preferences: keep them in the build's output, not the home folder.
                "-Djava.util.prefs.userRoot=" + outputDirectory.toPath().resolve(".java-prefs").toAbsolutePath(),
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSX"));
        if (argLine != null && !argLine.isBlank()) {
            args.addAll(List.of(argLine.trim().split("\\s+")));
        }
        return args;
    }

    /** The plugin and its dependencies, then the project's test classpath (where a user's own Gatling Simulation lives). */
    private List<File> classpath() {
        Set<File> cp = new LinkedHashSet<>();
        for (Artifact a : pluginArtifacts) {
            if (a.getFile() != null && a.getFile().getName().endsWith(".jar")) {
                cp.add(a.getFile());
            }
        }
        if (testClasspath != null) {
            testClasspath.stream().map(File::new).filter(File::exists).forEach(cp::add);
        }
        return List.copyOf(cp);
    }

    private RunSummary.Entry entry(Path file, Scenario scenario, ScenarioFork.Outcome outcome, Set<String> reportNames) {
        Path record = outcome.runDir() == null ? null : outcome.runDir().resolve("run.json");
        if (record == null || !Files.isRegularFile(record)) {
            String why = outcome.error() != null ? outcome.error() : "the forked run ended (exit " + outcome.exitCode() + ") without writing a record"
                    + (outcome.runDir() == null ? "" : "; see " + outcome.runDir().resolve("console.log"));
            return new RunSummary.Entry(shown(file), scenario.name(), outcome.runDir() == null ? null : outcome.runDir().toString(), 1,
                    "NO VERDICT: " + why, List.of(), null);
        }
        RunRecord run = read(record);
        return new RunSummary.Entry(shown(file), scenario.name(), outcome.runDir().toString(), run.exitCode(), VerdictLines.verdict(run),
                VerdictLines.failedSlos(run), copyJunit(outcome.runDir(), scenario.name(), reportNames));
    }

    private static RunRecord read(Path runJson) {
        try {
            return RecordFiles.json().readValue(runJson.toFile(), RunRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException(runJson + ": cannot read the run's record: " + e.getMessage(), e);
        }
    }

    /** junit.xml as TEST-spotsim-NAME.xml (NAME-2, ... when two scenarios share a name). */
    private String copyJunit(Path runDir, String name, Set<String> taken) {
        Path junit = runDir.resolve("junit.xml");
        if (!Files.isRegularFile(junit)) {
            return null;
        }
        String base = "TEST-spotsim-" + name.replaceAll("[^A-Za-z0-9._-]", "_");
        String fileName = base + ".xml";
        for (int n = 2; !taken.add(fileName); n++) {
            fileName = base + "-" + n + ".xml";
        }
        try {
            Files.createDirectories(reportsDirectory.toPath());
            Path target = reportsDirectory.toPath().resolve(fileName);
            Files.copy(junit, target, StandardCopyOption.REPLACE_EXISTING);
            return target.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + junit + " to " + reportsDirectory + ": " + e.getMessage(), e);
        }
    }
}
