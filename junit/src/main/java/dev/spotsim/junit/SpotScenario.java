package dev.spotsim.junit;

import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.runner.ProgressLine;
import dev.spotsim.runner.ScenarioRunner;
import dev.spotsim.scenarios.model.Scenario;
import dev.spotsim.scenarios.parse.StructuredReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Runs a scenario from a test, in this JVM, on the local simulator, and returns its record:
 * {@code SpotScenario.run(Path.of("scenarios/web.yaml"))}, or with settings,
 * {@code SpotScenario.of(file).seed(7).baseline(previousRun).run()}. Run directories go under {@code target/spotsim/}.
 * The test JVM needs {@code --add-opens=java.base/java.lang=ALL-UNNAMED} (Gatling), as spotsim's own argLine has.
 */
public final class SpotScenario {
    /** Where runs go unless {@link #out(Path)} says otherwise: Maven's build directory. */
    public static final Path DEFAULT_OUT = Path.of("target", "spotsim");

    private final Path file;
    private ScenarioRunner.Settings settings = ScenarioRunner.Settings.into(DEFAULT_OUT)
            .withProgress(new ProgressLine(new PrintWriter(System.out, true, StandardCharsets.UTF_8), Duration.ofSeconds(10)));

    private SpotScenario(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** Runs {@code file} with the defaults (the scenario's seed, the current directory as the workload's). */
    public static ScenarioResult run(Path file) {
        return of(file).run();
    }

    /**
     * A run of {@code file} to configure: a path, relative to the working directory (a Maven module's directory
     * under surefire); when no such file exists, a test classpath resource of that name (src/test/resources/...).
     */
    public static SpotScenario of(Path file) {
        return new SpotScenario(file);
    }

    /** Overrides the scenario's seed for random picks. */
    public SpotScenario seed(long seed) {
        settings = settings.withSeed(seed);
        return this;
    }

    /** Where run directories go (default {@code target/spotsim}). */
    public SpotScenario out(Path out) {
        settings = new ScenarioRunner.Settings(out, settings.seed(), settings.workdir(), settings.startTimeout(), settings.baseline(),
                settings.progress(), settings.runId());
        return this;
    }

    /** Where the workload's commands run (default: the current directory). */
    public SpotScenario workdir(Path workdir) {
        settings = settings.withWorkdir(workdir);
        return this;
    }

    /** An earlier run (its run.json or run directory) for relative SLOs such as {@code "<= baseline + 10%"}. */
    public SpotScenario baseline(Path earlierRun) {
        settings = settings.withBaseline(earlierRun);
        return this;
    }

    /** How long the workload may take to become healthy (default 2 minutes). */
    public SpotScenario startTimeout(Duration timeout) {
        settings = settings.withStartTimeout(timeout);
        return this;
    }

    /** Progress lines on {@code out} every {@code every} (default: standard output every 10 s); null for none. */
    public SpotScenario progress(PrintWriter out, Duration every) {
        settings = settings.withProgress(out == null ? null : new ProgressLine(out, every));
        return this;
    }

    /**
     * Plays the scenario to its end and writes its run directory. A broken SLO or a run without a verdict is a
     * result, not an exception: assert on {@link ScenarioResult#verdict()} (or call {@link ScenarioResult#assertPassed()}).
     *
     * @throws dev.spotsim.scenarios.parse.InputException when the scenario cannot be read (file:line:col: field: what was expected)
     * @throws IllegalArgumentException when the working directory, the output directory or the baseline cannot be used
     */
    public ScenarioResult run() {
        Path scenario = resolve(file);
        checkGatlingCanRun(scenario);
        ScenarioRunner runner = ScenarioRunner.prepare(scenario, settings);
        RunRecord record = runner.run();
        return new ScenarioResult(record, runner.runDir());
    }

    /**
     * A scenario with load runs Gatling in this JVM, which fails deep inside (and only once the workload is up)
     * without {@code --add-opens=java.base/java.lang}: say so before anything starts.
     */
    private static void checkGatlingCanRun(Path scenario) {
        if (javaLangOpenTo(SpotScenario.class.getModule())) {
            return;
        }
        if (Files.isRegularFile(scenario) && new StructuredReader().read(scenario, Scenario.class).load() != null) {
            throw new IllegalStateException(scenario + ": its load runs Gatling in the test's JVM, which needs"
                    + " --add-opens=java.base/java.lang=ALL-UNNAMED: add it to surefire's <argLine>");
        }
    }

    static boolean javaLangOpenTo(Module module) {
        return Object.class.getModule().isOpen("java.lang", module);
    }

    /** The file as given when it exists, else a classpath resource of that name. */
    static Path resolve(Path file) {
        if (Files.exists(file)) {
            return file;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null ? Thread.currentThread().getContextClassLoader()
                : SpotScenario.class.getClassLoader();
        URL resource = loader.getResource(file.toString().replace('\\', '/'));
        if (resource != null && resource.getProtocol().equals("file")) {
            try {
                return Path.of(resource.toURI());
            } catch (URISyntaxException e) {
                throw new UncheckedIOException(new java.io.IOException(resource + ": " + e.getMessage(), e));
            }
        }
        // Not found either way: the runner's message names the file as the test gave it.
        return file;
    }
}
