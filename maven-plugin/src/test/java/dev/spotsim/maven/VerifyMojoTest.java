package dev.spotsim.maven;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spotsim:verify judges what spotsim:run recorded: a broken SLO fails the build, no verdict is an error. */
class VerifyMojoTest {
    @TempDir
    Path dir;

    private VerifyMojo mojo(boolean failIfNoScenarios) {
        VerifyMojo mojo = new VerifyMojo();
        mojo.basedir = dir.toFile();
        mojo.outputDirectory = new File(dir.toFile(), "target/spotsim");
        mojo.failIfNoScenarios = failIfNoScenarios;
        return mojo;
    }

    private void recorded(RunSummary.Entry... entries) {
        RunSummary.append(dir.resolve("target/spotsim/spotsim-summary.json"), Instant.now(), List.of(entries));
    }

    private static RunSummary.Entry entry(String name, int exitCode, String verdict, String... failed) {
        return new RunSummary.Entry(name + ".yaml", name, "/runs/" + name, exitCode, verdict, List.of(failed), null);
    }

    @Test
    void aBrokenSloFailsTheBuildWithTheSloLineInTheMessage() {
        recorded(entry("web", 2, "FAIL: 1 SLO(s) broken", "BROKEN  drainTime.p95 = 3.1s, expected < 1s"), entry("batch", 0, "PASS: every SLO holds"));

        assertThatThrownBy(() -> mojo(true).execute()).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("1 of 2 scenario run(s) broke an SLO")
                .hasMessageContaining("web (web.yaml): FAIL: 1 SLO(s) broken")
                .hasMessageContaining("BROKEN  drainTime.p95 = 3.1s, expected < 1s")
                .hasMessageContaining("/runs/web/report.html")
                .message().doesNotContain("batch");
    }

    @Test
    void aRunWithoutAVerdictIsAnExecutionErrorEvenBesideABrokenSlo() {
        recorded(entry("web", 2, "FAIL: 1 SLO(s) broken", "BROKEN  x"), entry("naive", 1, "NO VERDICT: the workload never became healthy"));

        assertThatThrownBy(() -> mojo(true).execute()).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("1 of 2 scenario run(s) reached no verdict").hasMessageContaining("the workload never became healthy");
    }

    @Test
    void everySloHoldingPasses() {
        recorded(entry("web", 0, "PASS: every SLO holds"));
        assertThatCode(() -> mojo(true).execute()).doesNotThrowAnyException();
    }

    @Test
    void noRunAtAllFailsUnlessTheBuildSaysThatIsFine() {
        assertThatThrownBy(() -> mojo(true).execute()).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("no scenario ran").hasMessageContaining("failIfNoScenarios");
        assertThatCode(() -> mojo(false).execute()).doesNotThrowAnyException();
    }

    @Test
    void skipSkipsEvenABrokenSlo() {
        recorded(entry("web", 2, "FAIL: 1 SLO(s) broken", "BROKEN  x"));
        VerifyMojo mojo = mojo(true);
        mojo.skip = true;
        assertThatCode(mojo::execute).doesNotThrowAnyException();
    }
}
