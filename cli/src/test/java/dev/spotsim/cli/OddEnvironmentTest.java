package dev.spotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directories and files that cannot be used end in one line that says what to do, exit 1, and nothing started. */
class OddEnvironmentTest {
    private static final Path SCENARIO = Path.of("..", "scenarios", "examples", "naive-service.yaml").toAbsolutePath().normalize();

    private static void oneLineRefusal(Cli r, String... words) {
        assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
        assertThat(r.err.lines().filter(l -> !l.startsWith("spotsim: check: warning"))).as(r.toString()).hasSize(1);
        assertThat(r.err).startsWith("spotsim: ").contains(words).doesNotContain("unexpected failure").doesNotContain("\tat ")
                .doesNotContain("running");
    }

    @Test
    void anOutUnderAFileIsRefusedInOneLine(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        Cli r = Cli.run("run", SCENARIO.toString(), "--out", file.resolve("runs").toString());
        oneLineRefusal(r, "--out: cannot create a run directory in " + file.resolve("runs"), "choose a writable directory with --out");
    }

    @Test
    void anOutInsideProcIsRefusedInOneLine() {
        Cli r = Cli.run("run", SCENARIO.toString(), "--out", "/proc/spotsim-runs");
        oneLineRefusal(r, "--out: cannot create a run directory in /proc/spotsim-runs");
    }

    @Test
    void aMissingWorkdirIsRefusedBeforeAnythingStarts(@TempDir Path dir) {
        Cli r = Cli.run("run", SCENARIO.toString(), "--out", dir.resolve("runs").toString(), "--workdir", dir.resolve("nowhere").toString());
        oneLineRefusal(r, "--workdir: " + dir.resolve("nowhere") + " does not exist");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void checkingAnEndlessDeviceIsOneLine() {
        Cli r = Cli.run("check", "/dev/zero");
        assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
        assertThat(r.err).contains("/dev/zero: larger than 1024 KiB").doesNotContain("\tat ").doesNotContain("OutOfMemory");
    }

    @Test
    void checkingAFileThatIsNotUtf8NamesTheBadByte(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("latin1.yaml"), "name: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Cli r = Cli.run("check", file.toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
        assertThat(r.err).contains(file + ":1:10: not valid UTF-8 (byte 0xE9");
    }

    @Test
    void aSecondSlosBlockFailsTheCheckInsteadOfReplacingTheFirst(@TempDir Path dir) throws IOException {
        String text = Files.readString(SCENARIO) + "\nslos:\n  killedWorkloads: \"== 0\"\n";
        Path file = Files.writeString(dir.resolve("twice.yaml"), text);
        Cli r = Cli.run("check", file.toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
        assertThat(r.err).contains("duplicate key \"slos\"; it is already at " + file + ":");
    }
}
