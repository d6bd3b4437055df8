package dev.spotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive {@code mvn package} leaves in cli/target, unpacked the way a user would (tar) and
 * run from elsewhere: directly, through a symlink on PATH, and on machines without a usable Java.
 */
class ReleaseArchiveIT {
    private static final Path ARCHIVE = Path.of(System.getProperty("spotsim.releaseArchive", "target/spotsim.tar.gz"));
    private static final String VERSION = System.getProperty("spotsim.version", "");

    @TempDir
    Path dir;

    private Path home;
    private Path elsewhere;

    @BeforeEach
    void unpack() throws Exception {
        assertThat(ARCHIVE).as("mvn package builds the release archive").exists();
        Path unpacked = Files.createDirectory(dir.resolve("opt"));
        assertThat(run(List.of("tar", "xzf", ARCHIVE.toAbsolutePath().toString(), "-C", unpacked.toString()), Map.of(), dir).exit).isZero();
        home = unpacked.resolve("spotsim-" + VERSION);
        elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    }

    @Test
    void theArchiveHoldsTheLauncherTheJarTheFlagsAndTheReadme() throws Exception {
        assertThat(home.resolve("bin/spotsim")).isRegularFile();
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/spotsim"))).contains(PosixFilePermission.OWNER_EXECUTE,
                PosixFilePermission.OTHERS_EXECUTE);
        assertThat(home.resolve("lib/spotsim.jar")).isRegularFile();
        assertThat(Files.readString(home.resolve("lib/jvm.options"))).contains("--add-opens=java.base/java.lang=ALL-UNNAMED");
        assertThat(home.resolve("README.md")).isRegularFile();
        Path zip = ARCHIVE.resolveSibling("spotsim-" + VERSION + ".zip");
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertThat(z.stream().map(java.util.zip.ZipEntry::getName).toList()).contains("spotsim-" + VERSION + "/bin/spotsim",
                    "spotsim-" + VERSION + "/lib/spotsim.jar", "spotsim-" + VERSION + "/lib/jvm.options", "spotsim-" + VERSION + "/README.md");
        }
    }

    @Test
    void theLauncherRunsFromAnotherDirectory() throws Exception {
        Result r = run(List.of(home.resolve("bin/spotsim").toString(), "--version"), Map.of(), elsewhere);

        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).startsWith("spotsim " + VERSION).contains("Java 17");
    }

    @Test
    void theLauncherRunsThroughASymlinkOnPath() throws Exception {
        Path onPath = Files.createDirectory(dir.resolve("path-bin"));
        Files.createSymbolicLink(onPath.resolve("spotsim"), home.resolve("bin/spotsim"));

        Result r = run(List.of("bash", "-c", "spotsim --version"), Map.of("PATH", onPath + ":" + System.getenv("PATH")), elsewhere);

        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).startsWith("spotsim " + VERSION);
    }

    @Test
    void withoutJavaTheLauncherSaysWhatIsMissingInOneLine() throws Exception {
        Path bare = bareToolbox();

        Result noJavaHome = run(List.of(home.resolve("bin/spotsim").toString(), "--version"), Map.of("PATH", bare.toString()), elsewhere);
        Result emptyJavaHome = run(List.of(home.resolve("bin/spotsim").toString(), "--version"),
                Map.of("PATH", bare.toString(), "JAVA_HOME", dir.resolve("no-jdk").toString()), elsewhere);

        assertThat(noJavaHome.exit).isEqualTo(1);
        assertThat(noJavaHome.out).isEmpty();
        assertThat(noJavaHome.err.lines()).containsExactly(
                "spotsim: Java 17 or later is needed: JAVA_HOME is not set and there is no java on PATH");
        assertThat(emptyJavaHome.exit).isEqualTo(1);
        assertThat(emptyJavaHome.err.lines()).containsExactly("spotsim: Java 17 or later is needed: JAVA_HOME ("
                + dir.resolve("no-jdk") + ") has no bin/java and there is no java on PATH");
    }

    @Test
    void anOldJavaIsNamedWithItsVersion() throws Exception {
        // A stand-in for a Java 11 installation: it only answers -version, as an old JDK would.
        Path jdk11 = Files.createDirectories(dir.resolve("jdk-11/bin"));
        Path java = Files.writeString(jdk11.resolve("java"), "#!/bin/sh\necho 'openjdk version \"11.0.21\" 2023-10-17' >&2\n");
        java.toFile().setExecutable(true);

        Result r = run(List.of(home.resolve("bin/spotsim").toString(), "--version"),
                Map.of("PATH", bareToolbox().toString(), "JAVA_HOME", dir.resolve("jdk-11").toString()), elsewhere);

        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err.lines()).containsExactly("spotsim: Java 17 or later is needed: " + java + " is Java 11.0.21 (set JAVA_HOME to a JDK 17+)");
    }

    @Test
    void theJdksReleaseFileGivesTheVersionWithoutStartingItsJava() throws Exception {
        // A JDK whose release file says 11 and whose java would claim 17: the launcher believes the file and never runs java.
        Path jdk = Files.createDirectories(dir.resolve("jdk-release-11/bin"));
        Files.writeString(jdk.resolveSibling("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"11.0.2\"\n");
        Path java = Files.writeString(jdk.resolve("java"), "#!/bin/sh\necho 'openjdk version \"17.0.9\"' >&2\ntouch \"$0.ran\"\n");
        java.toFile().setExecutable(true);

        Result r = run(List.of(home.resolve("bin/spotsim").toString(), "--version"),
                Map.of("PATH", bareToolbox().toString(), "JAVA_HOME", jdk.getParent().toString()), elsewhere);

        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err.lines()).containsExactly("spotsim: Java 17 or later is needed: " + java + " is Java 11.0.2 (set JAVA_HOME to a JDK 17+)");
        assertThat(jdk.resolve("java.ran")).doesNotExist();
    }

    /** A PATH with bash and readlink (what the launcher needs) but no java. */
    private Path bareToolbox() throws Exception {
        Path bare = dir.resolve("bare");
        if (!Files.isDirectory(bare)) {
            Files.createDirectory(bare);
            for (String tool : new String[] {"bash", "readlink", "sh"}) {
                Path real = Path.of(run(List.of("bash", "-c", "command -v " + tool), Map.of(), dir).out.trim()).toRealPath();
                Files.createSymbolicLink(bare.resolve(tool), real);
            }
        }
        return bare;
    }

    record Result(int exit, String out, String err) {
    }

    /** Runs a command with the environment changed by {@code env} (JAVA_HOME removed unless given). */
    private Result run(List<String> command, Map<String, String> env, Path cwd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(cwd.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        pb.environment().remove("JAVA_HOME");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within 60 s");
        }
        return new Result(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }
}
