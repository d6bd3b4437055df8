package dev.spotsim.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spotsim:run checks everything it is given before anything runs; runs themselves are the sample projects' (src/it). */
class RunMojoTest {
    @TempDir
    Path dir;

    private RunMojo mojo(String... scenarios) {
        RunMojo mojo = new RunMojo();
        mojo.basedir = dir.toFile();
        mojo.outputDirectory = dir.resolve("target/spotsim").toFile();
        mojo.reportsDirectory = dir.resolve("target/failsafe-reports").toFile();
        mojo.workdir = dir.toFile();
        mojo.startTimeout = "2m";
        mojo.progress = "10s";
        mojo.pluginArtifacts = List.of();
        mojo.buildStartedAt = new Date();
        mojo.scenarios = java.util.Arrays.stream(scenarios).map(File::new).toList();
        return mojo;
    }

    private void scenario(String name) throws IOException {
        Files.writeString(dir.resolve(name), """
                name: s
                fleet:
                  group: {desired: 1}
                  pools: [{type: c5.large, az: us-east-1a}]
                workload: {lane: app, command: "true"}
                """);
    }

    @Test
    void aBadStartTimeoutFailsBeforeAnythingRuns() throws IOException {
        scenario("s.yaml");
        RunMojo mojo = mojo("s.yaml");
        mojo.startTimeout = "two minutes";

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class).hasMessageStartingWith("startTimeout: ")
                .hasMessageContaining("two minutes");
        assertThat(dir.resolve("target/spotsim")).doesNotExist();
    }

    @Test
    void aBaselineThatIsNotARunFailsBeforeAnythingRuns() throws IOException {
        scenario("s.yaml");
        RunMojo mojo = mojo("s.yaml");
        mojo.baseline = dir.resolve("last-release").toFile();

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class).hasMessageStartingWith("baseline: ")
                .hasMessageContaining("last-release").hasMessageContaining("not found");
    }

    @Test
    void aMissingWorkdirFailsBeforeAnythingRuns() throws IOException {
        scenario("s.yaml");
        RunMojo mojo = mojo("s.yaml");
        mojo.workdir = dir.resolve("nowhere").toFile();

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class).hasMessageContaining("workdir: ")
                .hasMessageContaining("does not exist");
    }

    @Test
    void noScenariosIsRecordedSoVerifyCanSaySo() throws Exception {
        mojo().execute();

        RunSummary summary = RunSummary.read(dir.resolve("target/spotsim/spotsim-summary.json"));
        assertThat(summary).isNotNull();
        assertThat(summary.runs()).isEmpty();
    }

    @Test
    void skipITsSkipsWithoutReadingTheScenarios() throws Exception {
        RunMojo mojo = mojo("missing.yaml");
        mojo.skipITs = true;
        mojo.execute();
        assertThat(dir.resolve("target")).doesNotExist();
    }
}
