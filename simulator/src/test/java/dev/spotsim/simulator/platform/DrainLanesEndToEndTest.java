package dev.spotsim.simulator.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spotsim.simulator.fleet.InterruptRequest;
import dev.spotsim.simulator.instance.InstanceView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real workloads (java examples/workloads/*.java) drained by each lane, with real traffic through the balancer. */
class DrainLanesEndToEndTest {
    private static final String FAST_LB = "{deregistrationDelay: 2s, targetTimeout: 5s}";
    private static final String FAST_HEALTH = "healthCheck: {path: /health, interval: 500ms, timeout: 400ms, healthyThreshold: 2, unhealthyThreshold: 2}";

    /**
     * The task on {@code instanceId} that got the notice (on a busy machine a slow first task may have
     * failed its health checks and been replaced before the interruption), else the first one there.
     */
    private static TaskRecord only(List<TaskRecord> tasks, String instanceId) {
        List<TaskRecord> there = tasks.stream().filter(t -> t.instanceId().equals(instanceId)).toList();
        return there.stream().filter(t -> t.notice() != null).findFirst().orElseGet(() -> there.get(0));
    }

    @Test
    void aDrainAwareServiceOnEcsLeavesBeforeTheActionAndTrafficSeesNoErrors(@TempDir Path logs) throws Exception {
        String workload = """
                lane: ecs-ec2
                command: "%s"
                env: {DRAIN_GRACE_MS: "300", WATCH_IMDS: "false"}
                stopTimeout: 10s
                %s
                """.formatted(PlatformFixture.java("DrainAwareService.java"), FAST_HEALTH);
        try (PlatformFixture f = new PlatformFixture(2, workload, FAST_LB, logs)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> f.platform.healthyCapacity() == 2);
            f.startTraffic();
            await().atMost(Duration.ofSeconds(10)).until(() -> f.count(200) > 10);
            InstanceView victim = f.sim.instances().get(0);
            var plan = f.sim.interrupt(victim.instanceId(), new InterruptRequest(null, Duration.ofSeconds(20), null, null));
            await().atMost(Duration.ofSeconds(40)).until(() -> only(f.platform.tasks(), victim.instanceId()).exited() != null);
            TaskRecord drained = only(f.platform.tasks(), victim.instanceId());
            assertThat(drained.detected()).isAfterOrEqualTo(drained.notice()).isBefore(drained.notice().plusSeconds(2));
            assertThat(drained.deregistered()).isNotNull();
            assertThat(drained.sigterm()).isAfterOrEqualTo(drained.deregistered());
            assertThat(drained.exited()).isAfter(drained.sigterm()).isBefore(plan.actionTime());
            assertThat(drained.killed()).isNull();
            assertThat(drained.exitCode()).as("a JVM ending on SIGTERM after its hooks").isEqualTo(143);
            await().atMost(Duration.ofSeconds(40)).until(() -> f.platform.healthyCapacity() == 2);
            assertThat(f.platform.tasks()).hasSize(3);
            f.stopTraffic();
            assertThat(f.errors()).as("failed requests " + f.statuses).isZero();
            assertThat(f.sim.events().recent()).extracting(dev.spotsim.simulator.events.Event::detailType)
                    .contains("ECS Container Instance State Change", "ECS Task State Change", "EC2 Spot Instance Interruption Warning");
        }
    }

    @Test
    void aNaiveServiceIsKilledAtTheActionAndTrafficSeesErrors(@TempDir Path logs) throws Exception {
        String workload = """
                lane: app
                command: "%s"
                %s
                """.formatted(PlatformFixture.java("NaiveService.java"), FAST_HEALTH);
        try (PlatformFixture f = new PlatformFixture(2, workload, FAST_LB, logs)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> f.platform.healthyCapacity() == 2);
            f.startTraffic();
            InstanceView victim = f.sim.instances().get(0);
            f.sim.interrupt(victim.instanceId(), new InterruptRequest(null, Duration.ofSeconds(3), null, null));
            await().atMost(Duration.ofSeconds(30)).until(() -> only(f.platform.tasks(), victim.instanceId()).exited() != null);
            TaskRecord killed = only(f.platform.tasks(), victim.instanceId());
            assertThat(killed.killed()).isNotNull();
            assertThat(killed.sigterm()).isNull();
            assertThat(killed.exitCode()).isEqualTo(137);
            await().atMost(Duration.ofSeconds(10)).until(() -> f.errors() > 0);
            f.stopTraffic();
        }
    }

    @Test
    void fargateSpotSendsSigtermAtTheNoticeAndKillsAtStopTimeout(@TempDir Path logs) throws Exception {
        String workload = """
                lane: fargate-spot
                command: "%s"
                stopTimeout: 3s
                %s
                """.formatted(PlatformFixture.java("NaiveService.java"), FAST_HEALTH);
        try (PlatformFixture f = new PlatformFixture(1, workload, FAST_LB, logs)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> f.platform.healthyCapacity() == 1);
            InstanceView victim = f.sim.instances().get(0);
            var plan = f.sim.interrupt(victim.instanceId(), new InterruptRequest(null, Duration.ofSeconds(30), null, null));
            await().atMost(Duration.ofSeconds(20)).until(() -> only(f.platform.tasks(), victim.instanceId()).exited() != null);
            TaskRecord t = only(f.platform.tasks(), victim.instanceId());
            assertThat(Duration.between(t.notice(), t.sigterm())).as("SIGTERM with the notice").isLessThan(Duration.ofSeconds(1));
            assertThat(Duration.between(t.sigterm(), t.killed())).as("SIGKILL at stopTimeout").isBetween(Duration.ofMillis(2900), Duration.ofSeconds(5));
            assertThat(t.killed()).isBefore(plan.actionTime());
            assertThat(f.sim.events().recent()).anySatisfy(e -> {
                assertThat(e.detailType()).isEqualTo("ECS Task State Change");
                assertThat(e.detail().path("stoppedReason").asText()).isEqualTo("Your Spot Task was interrupted.");
                assertThat(e.detail().path("capacityProviderName").asText()).isEqualTo("FARGATE_SPOT");
            });
        }
    }

    @Test
    void eksHandlerPollsEvictsRunsPreStopThenSigterm(@TempDir Path logs) throws Exception {
        String workload = """
                lane: eks-nth
                command: "%s"
                env: {DRAIN_GRACE_MS: "200", WATCH_IMDS: "false"}
                preStop: {sleep: 1s}
                terminationGracePeriod: 8s
                %s
                """.formatted(PlatformFixture.java("DrainAwareService.java"), FAST_HEALTH);
        try (PlatformFixture f = new PlatformFixture(1, workload, FAST_LB, logs)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> f.platform.healthyCapacity() == 1);
            InstanceView victim = f.sim.instances().get(0);
            f.sim.interrupt(victim.instanceId(), new InterruptRequest(null, Duration.ofSeconds(30), null, null));
            await().atMost(Duration.ofSeconds(20)).until(() -> only(f.platform.tasks(), victim.instanceId()).exited() != null);
            TaskRecord t = only(f.platform.tasks(), victim.instanceId());
            assertThat(t.detected()).as("%s %s", f.platform.tasks(), f.platform.timeline()).isNotNull();
            assertThat(Duration.between(t.notice(), t.detected())).as("within one 2 s poll").isLessThanOrEqualTo(Duration.ofMillis(2100));
            assertThat(Duration.between(t.detected(), t.sigterm())).as("after the 1 s preStop").isBetween(Duration.ofMillis(950), Duration.ofSeconds(3));
            assertThat(t.deregistered()).isBefore(t.sigterm());
            assertThat(t.killed()).isNull();
            assertThat(f.platform.timeline()).extracting(TimelineEntry::kind).contains("cordoned");
        }
    }

    @Test
    void batchAttemptsDieWithTheHostAndRetryOnReplacementCapacity(@TempDir Path logs) throws Exception {
        String workload = """
                lane: batch
                command: "%s"
                env: {ITEMS: "400", ITEM_MS: "100", CHECKPOINT_FILE: "%s"}
                retry: {attempts: 3, evaluateOnExit: [{onStatusReason: "Host EC2*", action: retry}, {onReason: "*", action: exit}]}
                """.formatted(PlatformFixture.java("BatchWorker.java"), logs.resolve("job.checkpoint"));
        try (PlatformFixture f = new PlatformFixture(1, workload, FAST_LB, logs)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> f.platform.tasks().size() == 1);
            InstanceView victim = f.sim.instances().get(0);
            await().atMost(Duration.ofSeconds(30)).until(() -> java.nio.file.Files.exists(logs.resolve("job.checkpoint")));
            var plan = f.sim.interrupt(victim.instanceId(), new InterruptRequest(null, Duration.ofSeconds(2), null, null));
            await().atMost(Duration.ofSeconds(30)).until(() -> f.platform.tasks().size() == 2);
            TaskRecord first = f.platform.tasks().get(0);
            assertThat(first.killed()).as("killed with its host").isAfterOrEqualTo(plan.actionTime());
            assertThat(first.sigterm()).as("Batch does not drain").isNull();
            assertThat(f.platform.tasks().get(1).attempt()).isEqualTo(2);
            assertThat(f.platform.tasks().get(1).instanceId()).isNotEqualTo(victim.instanceId());
            assertThat(f.sim.events().recent()).anySatisfy(e -> {
                assertThat(e.detailType()).isEqualTo("Batch Job State Change");
                assertThat(e.detail().path("status").asText()).isEqualTo("RUNNABLE");
                assertThat(e.detail().path("statusReason").asText()).isEqualTo("Host EC2 (instance " + victim.instanceId() + ") terminated.");
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> java.nio.file.Files.readString(f.sim.platform().tasks().isEmpty() ? logs.resolve("x")
                    : logs.resolve(f.platform.tasks().get(1).taskId() + ".log")).contains("resuming at item"));
        }
    }
}
