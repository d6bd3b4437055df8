package dev.spotsim.simulator.aws.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spotsim.scenarios.model.LoadBalancerSpec;
import dev.spotsim.scenarios.model.WorkloadSpec;
import dev.spotsim.scenarios.parse.StructuredReader;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.aws.AwsClients;
import dev.spotsim.simulator.fleet.AllocationStrategy;
import dev.spotsim.simulator.fleet.GroupSpec;
import dev.spotsim.simulator.fleet.InterruptRequest;
import dev.spotsim.simulator.fleet.SpotPool;
import dev.spotsim.simulator.platform.PlatformSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthReasonEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/** The ECS and ELBv2 reads a game day polls, against a real workload drained on the ecs-ec2 lane. */
class DrainReadsEndToEndTest {
    private static Path repo() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("examples/workloads"))) {
                return p;
            }
        }
        throw new AssertionError("examples/workloads not found");
    }

    private static SpotSim simWithGroup(int desired) {
        return SpotSim.builder().group(new GroupSpec("web", desired, AllocationStrategy.DIVERSIFIED, Duration.ofSeconds(1), false,
                List.of(new SpotPool("c5.large", "us-east-1a", 0.03, SpotPool.UNLIMITED),
                        new SpotPool("m5.large", "us-east-1b", 0.04, SpotPool.UNLIMITED)))).start();
    }

    @Test
    void withoutAWorkloadThereAreNoClustersAndNoTargetGroups() {
        try (SpotSim sim = simWithGroup(1);
             EcsClient ecs = AwsClients.of(EcsClient.builder(), sim);
             ElasticLoadBalancingV2Client elb = AwsClients.of(ElasticLoadBalancingV2Client.builder(), sim)) {
            assertThat(ecs.listClusters().clusterArns()).isEmpty();
            assertThatThrownBy(() -> ecs.listTasks(b -> b.cluster("spotsim"))).isInstanceOf(ClusterNotFoundException.class);
            assertThatThrownBy(() -> ecs.describeTasks(b -> b.cluster("spotsim").tasks("t"))).isInstanceOf(ClusterNotFoundException.class);
            assertThat(elb.describeTargetGroups().targetGroups()).isEmpty();
            assertThatThrownBy(() -> elb.describeTargetHealth(b -> b.targetGroupArn(
                    "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/spotsim/0123456789abcdef")))
                    .isInstanceOf(TargetGroupNotFoundException.class);
        }
    }

    @Test
    void aDrainShowsInDescribeTasksContainerInstancesAndTargetHealth(@TempDir Path logs) throws Exception {
        String workloadYaml = """
                lane: ecs-ec2
                command: "java %s"
                env: {DRAIN_GRACE_MS: "300", WATCH_IMDS: "false"}
                stopTimeout: 10s
                healthCheck: {path: /health, interval: 500ms, timeout: 400ms, healthyThreshold: 2, unhealthyThreshold: 2}
                """.formatted(repo().resolve("examples/workloads/DrainAwareService.java"));
        StructuredReader reader = new StructuredReader();
        WorkloadSpec workload = reader.read(workloadYaml, "workload", false, WorkloadSpec.class);
        LoadBalancerSpec lb = reader.read("{deregistrationDelay: 3s, targetTimeout: 5s}", "loadBalancer", false, LoadBalancerSpec.class);
        try (SpotSim sim = simWithGroup(2);
             EcsClient ecs = AwsClients.of(EcsClient.builder(), sim);
             ElasticLoadBalancingV2Client elb = AwsClients.of(ElasticLoadBalancingV2Client.builder(), sim)) {
            var platform = sim.runWorkload(new PlatformSettings(workload, 2, logs, repo(), "spotsim"), lb, 0);
            await().atMost(Duration.ofSeconds(60)).until(() -> platform.healthyCapacity() == 2);

            String clusterArn = "arn:aws:ecs:us-east-1:123456789012:cluster/spotsim";
            assertThat(ecs.listClusters().clusterArns()).containsExactly(clusterArn);
            assertThat(ecs.listContainerInstances(b -> b.cluster("spotsim")).containerInstanceArns()).hasSize(2);
            var firstPage = ecs.listContainerInstances(b -> b.cluster(clusterArn).maxResults(1));
            assertThat(firstPage.nextToken()).isNotNull();
            assertThat(ecs.listContainerInstances(b -> b.cluster(clusterArn).maxResults(1).nextToken(firstPage.nextToken()))
                    .containerInstanceArns()).hasSize(1).doesNotContainAnyElementsOf(firstPage.containerInstanceArns());

            TargetGroup tg = elb.describeTargetGroups().targetGroups().get(0);
            assertThat(tg.healthCheckPath()).isEqualTo("/health");
            assertThat(elb.describeTargetGroups(b -> b.names(tg.targetGroupName())).targetGroups()).hasSize(1);
            List<TargetHealthDescription> healthy = elb.describeTargetHealth(b -> b.targetGroupArn(tg.targetGroupArn()))
                    .targetHealthDescriptions();
            assertThat(healthy).extracting(d -> d.targetHealth().state()).containsOnly(TargetHealthStateEnum.HEALTHY).hasSize(2);

            String victim = sim.instances().get(0).instanceId();
            TargetDescription victimTarget = healthy.stream().map(TargetHealthDescription::target).filter(t -> t.id().equals(victim))
                    .findFirst().orElseThrow();
            sim.interrupt(victim, new InterruptRequest(null, Duration.ofSeconds(20), null, null));

            AtomicReference<TargetHealthDescription> seen = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                seen.set(elb.describeTargetHealth(b -> b.targetGroupArn(tg.targetGroupArn()).targets(victimTarget))
                        .targetHealthDescriptions().get(0));
                return seen.get().targetHealth().state() == TargetHealthStateEnum.DRAINING;
            });
            assertThat(seen.get().targetHealth().reason()).isEqualTo(TargetHealthReasonEnum.TARGET_DEREGISTRATION_IN_PROGRESS);
            String containerInstanceArn = "arn:aws:ecs:us-east-1:123456789012:container-instance/spotsim/" + victim.substring(2);
            ContainerInstance draining = ecs.describeContainerInstances(b -> b.cluster("spotsim").containerInstances(containerInstanceArn))
                    .containerInstances().get(0);
            assertThat(draining.status()).isEqualTo("DRAINING");
            assertThat(draining.ec2InstanceId()).isEqualTo(victim);

            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
                seen.set(elb.describeTargetHealth(b -> b.targetGroupArn(tg.targetGroupArn()).targets(victimTarget))
                        .targetHealthDescriptions().get(0));
                return seen.get().targetHealth().state() == TargetHealthStateEnum.UNUSED;
            });
            assertThat(seen.get().targetHealth().reason()).isEqualTo(TargetHealthReasonEnum.TARGET_NOT_REGISTERED);

            AtomicReference<Task> stopped = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
                List<String> arns = ecs.listTasks(b -> b.cluster("spotsim").desiredStatus(DesiredStatus.STOPPED)).taskArns();
                List<Task> tasks = arns.isEmpty() ? List.of() : ecs.describeTasks(b -> b.cluster("spotsim").tasks(arns)).tasks();
                stopped.set(tasks.stream().filter(t -> "STOPPED".equals(t.lastStatus())).findFirst().orElse(null));
                return stopped.get() != null;
            });
            Task task = stopped.get();
            assertThat(task.containerInstanceArn()).isEqualTo(containerInstanceArn);
            assertThat(task.desiredStatus()).isEqualTo("STOPPED");
            assertThat(task.stopCode()).isEqualTo(TaskStopCode.SERVICE_SCHEDULER_INITIATED);
            assertThat(task.stoppedReason()).isEqualTo("Container instance is draining");
            assertThat(task.stoppingAt()).isNotNull();
            assertThat(task.stoppedAt()).isAfter(task.stoppingAt());
            assertThat(task.containers().get(0).exitCode()).as("a JVM ending on SIGTERM").isEqualTo(143);
            assertThat(ecs.describeTasks(b -> b.cluster("spotsim").tasks("no-such-task")).failures())
                    .extracting(f -> f.reason()).containsExactly("MISSING");
        }
    }
}
