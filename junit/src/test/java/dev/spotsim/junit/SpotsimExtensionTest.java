package dev.spotsim.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.spotsim.reports.record.Verdict;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/** @SpotsimScenario runs the scenario, hands the test its result, and fails the test on the SLO gate. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SpotsimExtensionTest {
    /** Scenario tests run through the JUnit engine here (not by surefire: the name matches no test pattern). */
    static class TooStrictScenarios {
        static ScenarioResult seen;

        @SpotsimScenario(value = "scenarios/quick-drain-too-strict.yaml", workdir = "..")
        void gateFailsAfterTheTestsOwnAssertionsPass(ScenarioResult run) {
            seen = run;
            assertThat(run.drains()).hasSize(1);
        }
    }

    static class ExpectedFailures {
        static ScenarioResult seen;

        @SpotsimScenario(value = "scenarios/quick-drain-too-strict.yaml", workdir = "..", expectFailure = true)
        void aScenarioExpectedToBreakPasses(ScenarioResult run) {
            seen = run;
        }
    }

    private static Events run(Class<?> tests) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(tests)).execute().testEvents();
    }

    @Test
    void aBrokenSloFailsTheTestWithTheSloLineAfterTheMethodRanAndItsResultIsTheRunsRecord() {
        Events events = run(TooStrictScenarios.class);

        events.assertStatistics(s -> s.started(1).failed(1));
        Throwable failure = events.failed().stream().findFirst().orElseThrow().getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .orElseThrow().getThrowable().orElseThrow();
        assertThat(failure).isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("quick-drain-too-strict: FAIL: 1 SLO(s) broken")
                .hasMessageContaining("BROKEN  drainTime.p95 = ").hasMessageContaining(", expected < 100ms")
                .hasMessageContaining("report.html");
        assertThat(TooStrictScenarios.seen).as("the method ran with the result").isNotNull();
        assertThat(TooStrictScenarios.seen.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(TooStrictScenarios.seen.runDir()).startsWith(java.nio.file.Path.of("target", "spotsim"));
    }

    @Test
    void expectFailureTurnsABrokenGateIntoAPassingTest() {
        Events events = run(ExpectedFailures.class);

        events.assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(ExpectedFailures.seen.verdict()).isEqualTo(Verdict.FAIL);
    }
}
