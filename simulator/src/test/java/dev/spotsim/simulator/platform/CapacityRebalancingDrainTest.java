package dev.spotsim.simulator.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spotsim.simulator.instance.InstanceState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capacity Rebalancing through the drain: the replacement launches on the recommendation, and only once
 * its task is healthy does the at-risk instance's task leave the balancer (deregistration delay honoured),
 * stop, and the instance go.
 */
class CapacityRebalancingDrainTest {
    @Test
    void theAtRiskInstanceGoesOnlyAfterItsReplacementIsHealthyAndItsTaskDrained(@TempDir Path logs) throws Exception {
        String workload = """
                lane: ecs-ec2
                command: "%s"
                env: {DRAIN_GRACE_MS: "300", WATCH_IMDS: "false"}
                stopTimeout: 10s
                healthCheck: {path: /health, interval: 500ms, timeout: 400ms, healthyThreshold: 2, unhealthyThreshold: 2}
                """.formatted(PlatformFixture.java("DrainAwareService.java"));
        try (PlatformFixture f = new PlatformFixture(1, true, workload, "{deregistrationDelay: 2s, targetTimeout: 5s}", logs)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> f.platform.healthyCapacity() == 1);
            f.startTraffic();
            await().atMost(Duration.ofSeconds(10)).until(() -> f.count(200) > 5);
            String atRisk = f.sim.instances().get(0).instanceId();

            f.sim.fleet().recommendRebalance(atRisk, Duration.ZERO);
            await().atMost(Duration.ofSeconds(90)).until(() -> f.sim.fleet().instance(atRisk).state() == InstanceState.TERMINATED);
            await().atMost(Duration.ofSeconds(30)).until(() -> f.platform.healthyCapacity() == 1);
            f.stopTraffic();

            TaskRecord drained = f.platform.tasks().stream().filter(t -> t.instanceId().equals(atRisk)).findFirst().orElseThrow();
            TaskRecord replacement = f.platform.tasks().stream().filter(t -> !t.instanceId().equals(atRisk)).findFirst().orElseThrow();
            assertThat(drained.deregistered()).as("deregistered once the replacement was placed").isAfter(replacement.createdAt());
            assertThat(Duration.between(drained.deregistered(), drained.sigterm())).as("the 2 s deregistration delay first")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
            assertThat(drained.exitCode()).isEqualTo(143);
            assertThat(drained.killed()).isNull();
            assertThat(drained.drainedCleanly()).isTrue();
            Instant shuttingDown = f.platform.timeline().stream().filter(e -> e.kind().equals("action") && atRisk.equals(e.instanceId()))
                    .map(TimelineEntry::at).findFirst().orElseThrow();
            assertThat(shuttingDown).as("the instance went after its task drained").isAfterOrEqualTo(drained.exited());
            assertThat(f.platform.timeline()).extracting(TimelineEntry::kind).contains("terminating").doesNotContain("replacement-not-healthy");
            assertThat(f.errors()).as("failed requests " + f.statuses).isZero();
        }
    }
}
