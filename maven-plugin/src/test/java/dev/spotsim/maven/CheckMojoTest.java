package dev.spotsim.maven;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spotsim:check fails on a timing that cannot fit and on an invalid scenario, each named at file:line:col. */
class CheckMojoTest {
    @TempDir
    Path dir;

    private CheckMojo mojo(String... scenarios) {
        CheckMojo mojo = new CheckMojo();
        mojo.basedir = dir.toFile();
        mojo.outputDirectory = dir.resolve("target/spotsim").toFile();
        mojo.scenarios = java.util.Arrays.stream(scenarios).map(File::new).toList();
        return mojo;
    }

    private Path scenario(String name, String workload) throws IOException {
        return Files.writeString(dir.resolve(name), """
                name: %s
                fleet:
                  group: {desired: 1}
                  pools: [{type: c5.large, az: us-east-1a}]
                workload:
                %s
                loadBalancer: {deregistrationDelay: 5s}
                interruptions:
                  - {at: 0s, notice: 60s, select: {count: 1}}
                """.formatted(name.replace(".yaml", ""), workload.indent(2).stripTrailing()));
    }

    @Test
    void aStopTimeoutLongerThanTheNoticeFailsTheBuildAtItsLine() throws IOException {
        Path file = scenario("slow.yaml", "lane: fargate-spot\ncommand: \"true\"\nstopTimeout: 100s");

        assertThatThrownBy(() -> mojo("slow.yaml").execute()).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("1 problem(s) in 1 scenario(s)")
                .hasMessageContaining(file + ":8:3: error: workload.stopTimeout: stopTimeout 1m40s");
    }

    @Test
    void invalidScenariosAreAllReportedWithFileLineAndColumn() throws IOException {
        Path bad = scenario("bad.yaml", "lane: app\ncommand: \"true\"\nstopTimeout: soon");
        scenario("ok.yaml", "lane: app\ncommand: \"true\"");
        Path worse = Files.writeString(dir.resolve("worse.yaml"), "name: [\n");

        assertThatThrownBy(() -> mojo("bad.yaml", "ok.yaml", "worse.yaml").execute()).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("2 problem(s) in 3 scenario(s)")
                .hasMessageContaining(bad + ":8:").hasMessageContaining("workload.stopTimeout")
                .hasMessageContaining(worse + ":");
    }

    @Test
    void scenariosThatFitPass() throws IOException {
        scenario("ok.yaml", "lane: app\ncommand: \"true\"");
        assertThatCode(() -> mojo(dir.toString()).execute()).doesNotThrowAnyException();
    }

    @Test
    void noScenariosIsAFailureNamingTheParameter() {
        assertThatThrownBy(() -> mojo().execute()).hasMessageContaining("-Dspotsim.scenarios");
        assertThatCode(() -> {
            CheckMojo skipped = mojo();
            skipped.skip = true;
            skipped.execute();
        }).doesNotThrowAnyException();
    }
}
