package dev.spotsim.runner.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.scenarios.check.Finding;
import dev.spotsim.scenarios.parse.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spotsim check's findings, each placed at the line of the field it is about. */
class ScenarioChecksTest {
    @Test
    void aFargateStopTimeoutLongerThanTheNoticeIsAnErrorAtItsLine(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("slow.yaml"), """
                name: slow
                fleet:
                  group: {desired: 1}
                  pools: [{type: c5.large, az: us-east-1a}]
                workload:
                  lane: fargate-spot
                  command: "true"
                  stopTimeout: 100s
                interruptions:
                  - {at: 0s, notice: 60s, select: {count: 1}}
                """);

        ScenarioChecks.CheckedFile checked = ScenarioChecks.check(file, Map.of());

        assertThat(checked.fits()).isFalse();
        assertThat(checked.findings()).filteredOn(f -> f.finding().severity() == Finding.Severity.ERROR).first()
                .satisfies(f -> assertThat(f.line()).startsWith(file + ":8:3: error: workload.stopTimeout: stopTimeout 1m40s"));
    }

    @Test
    void anInvalidScenarioIsAnInputExceptionWithFileLineAndColumn(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                name: bad
                fleet:
                  group: {desired: 1}
                  pools: [{type: c5.large, az: us-east-1a}]
                workload: {lane: app, command: "true", stopTimeout: soon}
                """);

        assertThatThrownBy(() -> ScenarioChecks.check(file, Map.of())).isInstanceOf(InputException.class)
                .hasMessageStartingWith(file + ":5:").hasMessageContaining("workload.stopTimeout");
    }

    @Test
    void theExampleDemoFits() {
        ScenarioChecks.CheckedFile checked = ScenarioChecks.check(Path.of("..", "scenarios", "examples", "web-ecs-drain.yaml"), Map.of());
        assertThat(checked.fits()).as("%s", checked.findings()).isTrue();
        assertThat(checked.scenario().name()).isEqualTo("web-ecs-drain");
    }
}
