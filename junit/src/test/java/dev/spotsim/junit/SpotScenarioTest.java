package dev.spotsim.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.reports.record.Verdict;
import dev.spotsim.scenarios.parse.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SpotScenario runs a real scenario in the test's JVM and hands back its record. */
class SpotScenarioTest {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aShortScenarioRunsToAPassingVerdictWithItsDrainAndItsFiles(@TempDir Path out) {
        ScenarioResult run = SpotScenario.of(Path.of("scenarios/quick-drain.yaml")).workdir(REPO).out(out).seed(11).run();

        assertThat(run.verdict()).as(run.describe()).isEqualTo(Verdict.PASS);
        assertThat(run.record().seed()).isEqualTo(11);
        assertThat(run.runDir().getParent()).isEqualTo(out);
        assertThat(run.drains()).hasSize(1).allSatisfy(d -> {
            assertThat(d.wasKilled()).isFalse();
            // The service's own 1 s grace, within the 6 s notice.
            assertThat(d.drainTime()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(6));
        });
        assertThat(run.slo("drainTime.p95").holds()).isTrue();
        assertThat(run.phase("steady").requests()).isPositive();
        assertThat(run.runDir().resolve("run.json")).exists();
        assertThat(run.report()).exists();
    }

    @Test
    void anInvalidScenarioFailsAtOnceWithFileLineAndColumnAndCreatesNoRun(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "name: bad\nfleet:\n  group: {desired: many}\n");

        assertThatThrownBy(() -> SpotScenario.of(file).out(dir.resolve("runs")).run()).isInstanceOf(InputException.class)
                .hasMessageStartingWith(file + ":3:").hasMessageContaining("fleet.group.desired");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void gatlingsAddOpensIsDetectedForTheTestsOwnCodeAndMissingForAModuleWithoutIt() {
        assertThat(SpotScenario.javaLangOpenTo(SpotScenario.class.getModule())).as("surefire's argLine opens java.lang").isTrue();
        assertThat(SpotScenario.javaLangOpenTo(java.sql.Connection.class.getModule())).isFalse();
    }

    @Test
    void aScenarioThatIsNotAFileIsLookedUpOnTheTestClasspath() {
        assertThat(SpotScenario.resolve(Path.of("scenarios/quick-drain.yaml"))).isAbsolute().exists()
                .hasFileName("quick-drain.yaml");
        assertThat(SpotScenario.resolve(Path.of("nowhere/x.yaml"))).isEqualTo(Path.of("nowhere/x.yaml"));
    }
}
