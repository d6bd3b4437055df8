package com.example.drain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.junit.ScenarioResult;
import dev.spotsim.junit.SpotsimScenario;
import dev.spotsim.reports.record.WorkloadDrain;
import java.time.Duration;

/** The example service drains through a Spot interruption: out of the balancer, then exited, well inside its notice. */
class WebServiceDrainTest {
    @SpotsimScenario("src/test/spotsim/web-drain.yaml")
    void theInterruptedServiceExitsOnItsOwnWellBeforeTheNoticeEnds(ScenarioResult run) {
        assertThat(run.drains()).as("one instance interrupted, one task on it").hasSize(1);
        WorkloadDrain drain = run.drains().get(0);
        assertThat(drain.wasKilled()).as("exited on its own, not killed at the action").isFalse();
        assertThat(drain.stopSignal()).as("gone before ECS stopped the task").isNull();
        assertThat(drain.exitCode()).isZero();
        // Notice to exit: the 1 s grace plus detection and the in-flight requests; far less than the 15 s notice.
        assertThat(drain.drainTime()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(10));
        assertThat(drain.deregistered()).as("taken out of the balancer before it stopped serving").isBefore(drain.exited());
        assertThat(run.slo("drainTime.p95").holds()).isTrue();
        assertThat(run.runDir().resolve("report.html")).exists();
    }
}
