package dev.spotsim.simulator.aws.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.aws.AwsClients;
import dev.spotsim.simulator.clock.ManualClock;
import dev.spotsim.simulator.fleet.AllocationStrategy;
import dev.spotsim.simulator.fleet.FleetSettings;
import dev.spotsim.simulator.fleet.GroupSpec;
import dev.spotsim.simulator.fleet.SpotPool;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsResponse;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHook;

/** The AWS SDK's Auto Scaling client against a simulator: groups, instances, capacity, activities, hooks and errors. */
class AutoScalingApiTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T12:00:00Z"));
    private SpotSim sim;
    private AutoScalingClient asg;

    @BeforeEach
    void start() {
        List<SpotPool> pools = List.of(new SpotPool("c5.large", "us-east-1a", 0.035, SpotPool.UNLIMITED),
                new SpotPool("m5.large", "us-east-1b", 0.04, SpotPool.UNLIMITED));
        sim = SpotSim.builder().clock(clock).settings(new FleetSettings(Duration.ofSeconds(5), Duration.ZERO))
                .group(new GroupSpec("web", 3, AllocationStrategy.DIVERSIFIED, Duration.ofSeconds(20), false, pools))
                .group(new GroupSpec("api", 1, AllocationStrategy.CAPACITY_OPTIMIZED, Duration.ZERO, true, pools))
                .start();
        asg = AwsClients.autoScaling(sim);
        clock.advance(Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        asg.close();
        sim.close();
    }

    private AutoScalingGroup group(String name) {
        return asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames(name)).autoScalingGroups().get(0);
    }

    private static void assertError(Executable call, String code, String messagePart) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
        });
    }

    @Test
    void describeGroupsShowsSizesPoolsStrategyAndInServiceInstances() {
        AutoScalingGroup web = group("web");
        assertThat(web.autoScalingGroupARN()).startsWith("arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:").endsWith(":autoScalingGroupName/web");
        assertThat(web.minSize()).isZero();
        assertThat(web.maxSize()).isEqualTo(3);
        assertThat(web.desiredCapacity()).isEqualTo(3);
        assertThat(web.availabilityZones()).containsExactly("us-east-1a", "us-east-1b");
        assertThat(web.mixedInstancesPolicy().instancesDistribution().spotAllocationStrategy()).isEqualTo("diversified");
        assertThat(web.mixedInstancesPolicy().launchTemplate().overrides()).extracting(o -> o.instanceType()).containsExactly("c5.large", "m5.large");
        assertThat(web.capacityRebalance()).isFalse();
        assertThat(group("api").capacityRebalance()).isTrue();
        assertThat(web.instances()).hasSize(3).allSatisfy(i -> {
            assertThat(i.lifecycleStateAsString()).isEqualTo("InService");
            assertThat(i.healthStatus()).isEqualTo("Healthy");
            assertThat(i.protectedFromScaleIn()).isFalse();
        });
        assertThat(web.createdTime()).isEqualTo(Instant.parse("2026-01-01T12:00:00Z"));
        assertThat(asg.describeAutoScalingGroups().autoScalingGroups()).extracting(AutoScalingGroup::autoScalingGroupName).containsExactly("api", "web");
    }

    @Test
    void groupsAndInstancesPageWithMaxRecordsAndNextToken() {
        DescribeAutoScalingGroupsResponse first = asg.describeAutoScalingGroups(r -> r.maxRecords(1));
        assertThat(first.autoScalingGroups()).extracting(AutoScalingGroup::autoScalingGroupName).containsExactly("api");
        assertThat(asg.describeAutoScalingGroups(r -> r.maxRecords(1).nextToken(first.nextToken())).autoScalingGroups())
                .extracting(AutoScalingGroup::autoScalingGroupName).containsExactly("web");
        assertThat(asg.describeAutoScalingGroupsPaginator(r -> r.maxRecords(1)).autoScalingGroups()).hasSize(2);
        assertThat(asg.describeAutoScalingInstancesPaginator(r -> r.maxRecords(2)).autoScalingInstances()).hasSize(4)
                .allSatisfy(i -> assertThat(i.autoScalingGroupName()).isIn("web", "api"));
        assertError(() -> asg.describeAutoScalingGroups(r -> r.nextToken("nonsense")), "InvalidNextToken", "token");
        assertError(() -> asg.describeAutoScalingGroups(r -> r.maxRecords(101)), "ValidationError", "MaxRecords");
    }

    @Test
    void describeInstancesNamesTheGroupAndLeavesOutUnknownIds() {
        String id = sim.fleet().group("web").members().get(0);
        List<AutoScalingInstanceDetails> found = asg.describeAutoScalingInstances(r -> r.instanceIds(id, "i-0000000000000dead")).autoScalingInstances();
        assertThat(found).singleElement().satisfies(i -> {
            assertThat(i.autoScalingGroupName()).isEqualTo("web");
            assertThat(i.lifecycleState()).isEqualTo("InService");
            assertThat(i.launchTemplate().version()).isEqualTo("$Default");
        });
    }

    @Test
    void setDesiredCapacityScalesOutAndInWithinMinAndMax() {
        asg.updateAutoScalingGroup(r -> r.autoScalingGroupName("web").maxSize(5));
        asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(5));
        assertThat(sim.fleet().group("web").members()).hasSize(5);
        assertThat(group("web").instances()).filteredOn(i -> i.lifecycleStateAsString().equals("Pending")).hasSize(2);
        asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(2));
        assertThat(group("web").instances()).filteredOn(i -> i.lifecycleStateAsString().equals("Terminating")).hasSize(3);
        clock.advance(Duration.ofSeconds(5));
        assertThat(group("web").instances()).hasSize(2);

        assertError(() -> asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(6)), "ValidationError", "above max value 5");
        assertError(() -> asg.setDesiredCapacity(r -> r.autoScalingGroupName("nope").desiredCapacity(1)), "ValidationError", "not found");
    }

    @Test
    void updateGroupChangesSizesAndCapacityRebalanceAndRefusesAnInconsistentSize() {
        asg.updateAutoScalingGroup(r -> r.autoScalingGroupName("web").minSize(2).maxSize(4).capacityRebalance(true));
        AutoScalingGroup web = group("web");
        assertThat(web.minSize()).isEqualTo(2);
        assertThat(web.maxSize()).isEqualTo(4);
        assertThat(web.desiredCapacity()).isEqualTo(3);
        assertThat(web.capacityRebalance()).isTrue();
        assertThat(sim.fleet().group("web").capacityRebalance()).isTrue();
        assertError(() -> asg.updateAutoScalingGroup(r -> r.autoScalingGroupName("web").minSize(5).maxSize(4)), "ValidationError", "minimum size");
        assertError(() -> asg.updateAutoScalingGroup(r -> r.autoScalingGroupName("web").desiredCapacity(1)), "ValidationError",
                "Desired capacity:1 must be between the specified min size:2 and max size:4");
    }

    @Test
    void terminateInstanceInGroupReplacesItOrShrinksTheGroupAndIsListedAsAnActivity() {
        String first = sim.fleet().group("web").members().get(0);
        Activity a = asg.terminateInstanceInAutoScalingGroup(r -> r.instanceId(first).shouldDecrementDesiredCapacity(false)).activity();
        assertThat(a.description()).isEqualTo("Terminating EC2 instance: " + first);
        assertThat(a.statusCodeAsString()).isEqualTo("InProgress");
        assertThat(sim.fleet().group("web").members()).hasSize(3).doesNotContain(first);

        String second = sim.fleet().group("web").members().get(0);
        asg.terminateInstanceInAutoScalingGroup(r -> r.instanceId(second).shouldDecrementDesiredCapacity(true));
        assertThat(group("web").desiredCapacity()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(30));

        List<Activity> activities = asg.describeScalingActivities(r -> r.autoScalingGroupName("web")).activities();
        assertThat(activities.get(0).description()).isEqualTo("Terminating EC2 instance: " + second);
        assertThat(activities).filteredOn(x -> x.description().equals("Terminating EC2 instance: " + first)).singleElement()
                .satisfies(x -> {
                    assertThat(x.statusCodeAsString()).isEqualTo("Successful");
                    assertThat(x.endTime()).isEqualTo(Instant.parse("2026-01-01T12:00:25Z"));
                    assertThat(x.cause()).startsWith("At 2026-01-01T12:00:20Z an instance was taken out of service in response to user request");
                });
        assertThat(activities).filteredOn(x -> x.description().startsWith("Launching")).hasSize(4);
        assertThat(asg.describeScalingActivitiesPaginator(r -> r.autoScalingGroupName("web").maxRecords(2)).activities()).hasSize(activities.size());
        assertError(() -> asg.terminateInstanceInAutoScalingGroup(r -> r.instanceId("i-0000000000000dead").shouldDecrementDesiredCapacity(true)),
                "ValidationError", "No managed instance found");
    }

    @Test
    void lifecycleHooksArePutDescribedUpdatedAndDeleted() {
        asg.putLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName("drain")
                .lifecycleTransition("autoscaling:EC2_INSTANCE_TERMINATING").heartbeatTimeout(300).notificationMetadata("{\"lane\":\"ecs\"}"));
        asg.putLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName("warm").lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING"));
        List<LifecycleHook> hooks = asg.describeLifecycleHooks(r -> r.autoScalingGroupName("web")).lifecycleHooks();
        assertThat(hooks).hasSize(2);
        LifecycleHook drain = hooks.get(0);
        assertThat(drain.heartbeatTimeout()).isEqualTo(300);
        assertThat(drain.globalTimeout()).isEqualTo(30_000);
        assertThat(drain.defaultResult()).isEqualTo("ABANDON");
        assertThat(drain.notificationMetadata()).isEqualTo("{\"lane\":\"ecs\"}");
        assertThat(hooks.get(1).heartbeatTimeout()).isEqualTo(3600);
        assertThat(hooks.get(1).globalTimeout()).isEqualTo(172_800);

        asg.putLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName("drain").defaultResult("CONTINUE"));
        LifecycleHook updated = asg.describeLifecycleHooks(r -> r.autoScalingGroupName("web").lifecycleHookNames("drain")).lifecycleHooks().get(0);
        assertThat(updated.defaultResult()).isEqualTo("CONTINUE");
        assertThat(updated.heartbeatTimeout()).isEqualTo(300);
        assertThat(updated.lifecycleTransition()).isEqualTo("autoscaling:EC2_INSTANCE_TERMINATING");

        asg.deleteLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName("warm"));
        assertThat(asg.describeLifecycleHooks(r -> r.autoScalingGroupName("web")).lifecycleHooks()).extracting(LifecycleHook::lifecycleHookName)
                .containsExactly("drain");
        assertError(() -> asg.deleteLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName("warm")), "ValidationError", "No Lifecycle Hook found");
        assertError(() -> asg.putLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName("fast")
                .lifecycleTransition("autoscaling:EC2_INSTANCE_TERMINATING").heartbeatTimeout(10)), "ValidationError", "HeartbeatTimeout");
        assertError(() -> asg.putLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName("odd").lifecycleTransition("autoscaling:EC2_INSTANCE_REBOOTING")),
                "ValidationError", "Invalid Lifecycle Transition");
        assertError(() -> asg.putLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName("new")), "ValidationError", "LifecycleTransition");
    }

    @Test
    void completingOrHeartbeatingAnUnknownActionIsAValidationError() {
        asg.putLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName("drain").lifecycleTransition("autoscaling:EC2_INSTANCE_TERMINATING"));
        assertError(() -> asg.completeLifecycleAction(r -> r.autoScalingGroupName("web").lifecycleHookName("drain")
                .lifecycleActionToken("bcd2f1b8-9a78-44d3-8a7a-4dd07d7cf635").lifecycleActionResult("CONTINUE")), "ValidationError",
                "No active Lifecycle Action found with token bcd2f1b8-9a78-44d3-8a7a-4dd07d7cf635");
        assertError(() -> asg.recordLifecycleActionHeartbeat(r -> r.autoScalingGroupName("web").lifecycleHookName("drain")
                .instanceId(sim.fleet().group("web").members().get(0))), "ValidationError", "No active Lifecycle Action found with instance ID");
        assertError(() -> asg.completeLifecycleAction(r -> r.autoScalingGroupName("web").lifecycleHookName("drain").lifecycleActionResult("CONTINUE")),
                "ValidationError", "LifecycleActionToken or InstanceId");
        assertError(() -> asg.completeLifecycleAction(r -> r.autoScalingGroupName("web").lifecycleHookName("drain")
                .instanceId("i-0000000000000dead").lifecycleActionResult("MAYBE")), "ValidationError", "LifecycleActionResult");
    }
}
