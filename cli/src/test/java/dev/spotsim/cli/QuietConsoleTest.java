package dev.spotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console of {@code spotsim run}, as a user sees it from a real process: only spotsim's own lines
 * (plan, progress, verdict, report path) unless {@code --verbose}; everything else lands in the run's log.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class QuietConsoleTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    /** Every line spotsim itself writes during a run. */
    private static final List<Pattern> OWN_LINES = Stream.of(
            "spotsim: .*",
            "  (fleet|workload|load|interruption|slos) {2,}.*",
            "starting the fleet and \\d+ workload\\(s\\); .*",
            "  healthy \\d+/\\d+",
            "\\[\\s*\\d+s\\] .*",
            "interruptions\\[\\d+\\]: .*",
            "  (ok|BROKEN|NO DATA) +.*",
            "  why: .*",
            "short-drain: (PASS|FAIL|NO VERDICT|STOPPED).*",
            "Report: .*report\\.html").map(Pattern::compile).toList();

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void stopChildren() {
        for (Process p : children) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void aRunPrintsOnlySpotsimsOwnLinesAndLogsTheRest() throws Exception {
        Console run = spotsim(Map.of(), "run", scenario().toString(), "--out", dir.resolve("runs").toString(), "--workdir", REPO.toString());

        assertThat(run.exit).as(run.toString()).isZero();
        List<String> foreign = Stream.concat(run.out.lines(), run.err.lines())
                .filter(line -> OWN_LINES.stream().noneMatch(p -> p.matcher(line).matches())).toList();
        assertThat(foreign).as("lines spotsim did not write, in:%n%s", run).isEmpty();
        assertThat(run.out).contains("short-drain: PASS", "report.html").doesNotContain("\u001b[");
        assertThat(run.err).contains("fleet         web: 2 instance(s)", "interruption  at 3s");
        String log = Files.readString(runDir().resolve("spotsim.log"));
        assertThat(log).as("Gatling's console summary and the simulator's log lines")
                .contains("---- Global Information ----", "INFO ProcessRuntime - workload task-0001");
    }

    @Test
    void verboseAlsoShowsOtherToolsOutputOnTheConsole() throws Exception {
        Console run = spotsim(Map.of(), "run", scenario().toString(), "--out", dir.resolve("runs").toString(), "--workdir", REPO.toString(),
                "--verbose");

        assertThat(run.exit).as(run.toString()).isZero();
        assertThat(run.out + run.err).contains("---- Global Information ----", "INFO ProcessRuntime - workload task-0001",
                "short-drain: PASS");
        assertThat(Files.readString(runDir().resolve("spotsim.log"))).contains("---- Global Information ----");
    }

    @Test
    void helpIsColouredOnATerminalUnlessNoColorIsSet() throws Exception {
        String coloured = onATerminal(Map.of(), "--help");
        String plain = onATerminal(Map.of("NO_COLOR", "1"), "--help");

        assertThat(coloured).contains("\u001b[").contains("Usage:");
        assertThat(plain).doesNotContain("\u001b[").contains("Usage:");
        assertThat(spotsim(Map.of(), "--help").out).as("a pipe is no terminal").doesNotContain("\u001b[");
    }

    private Path scenario() throws IOException {
        String shorter = RunCommandTest.shortDrain().replace("duration: 15s", "duration: 8s");
        return Files.writeString(dir.resolve("short.yaml"), shorter);
    }

    private Path runDir() throws IOException {
        try (Stream<Path> dirs = Files.list(dir.resolve("runs"))) {
            return dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    /** What a process printed, each stream on its own. */
    record Console(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private List<String> javaCommand(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-Djava.util.prefs.userRoot=" + dir.resolve("prefs"),
                "-cp", System.getProperty("java.class.path"), "dev.spotsim.cli.SpotsimCommand"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private Console spotsim(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(javaCommand(args))
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile());
        pb.environment().remove("NO_COLOR");
        pb.environment().putAll(env);
        Process p = pb.start();
        children.add(p);
        assertThat(p.waitFor(200, TimeUnit.SECONDS)).as("spotsim finished").isTrue();
        return new Console(p.exitValue(), Files.readString(dir.resolve("stdout.txt")), Files.readString(dir.resolve("stderr.txt")));
    }

    /** Runs spotsim under a pseudo-terminal (util-linux script), where System.console() is not null. */
    private String onATerminal(Map<String, String> env, String... args) throws Exception {
        String command = String.join(" ", javaCommand(args).stream().map(a -> "'" + a.replace("'", "'\\''") + "'").toList());
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", command, "/dev/null").redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().remove("NO_COLOR");
        pb.environment().putAll(env);
        Process p = pb.start();
        children.add(p);
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
