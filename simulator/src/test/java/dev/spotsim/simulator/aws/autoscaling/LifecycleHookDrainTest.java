package dev.spotsim.simulator.aws.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.simulator.RawHttp;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.aws.AwsClients;
import dev.spotsim.simulator.clock.ManualClock;
import dev.spotsim.simulator.events.Event;
import dev.spotsim.simulator.events.EventSink;
import dev.spotsim.simulator.fleet.AllocationStrategy;
import dev.spotsim.simulator.fleet.FleetSettings;
import dev.spotsim.simulator.fleet.GroupSpec;
import dev.spotsim.simulator.fleet.InterruptRequest;
import dev.spotsim.simulator.fleet.SpotPool;
import dev.spotsim.simulator.instance.InstanceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;

/**
 * Lifecycle hooks with AWS's semantics on a manual clock: Terminating:Wait and Pending:Wait, the
 * events and IMDS's target-lifecycle-state, completion, heartbeats, timeouts, the Spot action's
 * deadline and Capacity Rebalancing's order.
 */
class LifecycleHookDrainTest {
    private static final Instant START = Instant.parse("2026-01-01T12:00:00Z");
    private final ManualClock clock = new ManualClock(START);
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private SpotSim sim;
    private AutoScalingClient asg;

    private void start(boolean capacityRebalance, Duration launchDelay) {
        EventSink recorder = new EventSink() {
            public String name() {
                return "recorder";
            }

            public void deliver(Event event) {
                events.add(event);
            }

            public Map<String, Object> stats() {
                return Map.of();
            }

            public void close() {
            }
        };
        sim = SpotSim.builder().clock(clock).settings(new FleetSettings(Duration.ofSeconds(5), Duration.ZERO)).eventSink(recorder, null)
                .group(new GroupSpec("web", 2, AllocationStrategy.DIVERSIFIED, launchDelay, capacityRebalance,
                        List.of(new SpotPool("c5.large", "us-east-1a", 0.035, SpotPool.UNLIMITED),
                                new SpotPool("m5.large", "us-east-1b", 0.04, SpotPool.UNLIMITED))))
                .start();
        asg = AwsClients.autoScaling(sim);
        clock.advance(launchDelay);
    }

    @AfterEach
    void stop() {
        if (asg != null) {
            asg.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private void hook(String name, String transition, int heartbeatSeconds, String defaultResult) {
        asg.putLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName(name).lifecycleTransition(transition)
                .heartbeatTimeout(heartbeatSeconds).defaultResult(defaultResult).notificationMetadata("drain-me"));
    }

    private String lifecycleState(String id) {
        return asg.describeAutoScalingInstances(r -> r.instanceIds(id)).autoScalingInstances().get(0).lifecycleState();
    }

    private InstanceState state(String id) {
        return sim.fleet().instance(id).state();
    }

    private String targetLifecycleState(String id) {
        return new RawHttp(sim.imdsEndpoint(id)).get("/latest/meta-data/autoscaling/target-lifecycle-state").body();
    }

    private Event lifecycleEvent(String detailType, String id) {
        return events.stream().filter(e -> e.detailType().equals(detailType))
                .filter(e -> e.detail().path("EC2InstanceId").asText().equals(id)).findFirst().orElseThrow();
    }

    private String member(int i) {
        return sim.fleet().group("web").members().get(i);
    }

    @Test
    void anInterruptionHoldsTheInstanceInTerminatingWaitUntilCompleteLifecycleActionContinues() {
        start(false, Duration.ZERO);
        hook("drain", "autoscaling:EC2_INSTANCE_TERMINATING", 300, "ABANDON");
        String victim = member(0);
        assertThat(targetLifecycleState(victim)).isEqualTo("InService");
        sim.interrupt(victim, new InterruptRequest(null, Duration.ofMinutes(2), null, null));

        Event e = lifecycleEvent("EC2 Instance-terminate Lifecycle Action", victim);
        assertThat(e.source()).isEqualTo("aws.autoscaling");
        assertThat(e.detail().path("LifecycleHookName").asText()).isEqualTo("drain");
        assertThat(e.detail().path("LifecycleTransition").asText()).isEqualTo("autoscaling:EC2_INSTANCE_TERMINATING");
        assertThat(e.detail().path("NotificationMetadata").asText()).isEqualTo("drain-me");
        assertThat(lifecycleState(victim)).isEqualTo("Terminating:Wait");
        assertThat(targetLifecycleState(victim)).isEqualTo("Terminated");
        assertThat(sim.fleet().group("web").members()).hasSize(2).doesNotContain(victim);

        clock.advance(Duration.ofSeconds(30));
        String token = e.detail().path("LifecycleActionToken").asText();
        asg.completeLifecycleAction(r -> r.autoScalingGroupName("web").lifecycleHookName("drain").lifecycleActionToken(token)
                .lifecycleActionResult("CONTINUE"));
        assertThat(state(victim)).isEqualTo(InstanceState.SHUTTING_DOWN);
        assertThat(lifecycleState(victim)).isEqualTo("Terminating");
        assertThatThrownBy(() -> asg.completeLifecycleAction(r -> r.autoScalingGroupName("web").lifecycleHookName("drain")
                .lifecycleActionToken(token).lifecycleActionResult("CONTINUE")))
                .isInstanceOfSatisfying(AwsServiceException.class, x -> assertThat(x.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }

    @Test
    void aMissingCompletionEndsAtTheHeartbeatTimeoutWithTheDefaultResult() {
        start(false, Duration.ZERO);
        hook("drain", "autoscaling:EC2_INSTANCE_TERMINATING", 60, "CONTINUE");
        asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(1));
        String leaving = lifecycleEvent("EC2 Instance-terminate Lifecycle Action", sim.fleet().instances().get(1).instanceId())
                .detail().path("EC2InstanceId").asText();
        assertThat(lifecycleState(leaving)).isEqualTo("Terminating:Wait");

        clock.advance(Duration.ofSeconds(59));
        assertThat(state(leaving)).isEqualTo(InstanceState.RUNNING);
        clock.advance(Duration.ofSeconds(1));
        assertThat(state(leaving)).isEqualTo(InstanceState.SHUTTING_DOWN);
    }

    @Test
    void heartbeatsExtendTheWaitButNotPastTheGlobalTimeout() {
        start(false, Duration.ZERO);
        hook("drain", "autoscaling:EC2_INSTANCE_TERMINATING", 30, "ABANDON");
        String leaving = member(1);
        asg.terminateInstanceInAutoScalingGroup(r -> r.instanceId(leaving).shouldDecrementDesiredCapacity(true));

        clock.advance(Duration.ofSeconds(20));
        asg.recordLifecycleActionHeartbeat(r -> r.autoScalingGroupName("web").lifecycleHookName("drain").instanceId(leaving));
        clock.advance(Duration.ofSeconds(20));
        assertThat(lifecycleState(leaving)).as("40 s in: the heartbeat at 20 s moved the timeout to 50 s").isEqualTo("Terminating:Wait");
        clock.advance(Duration.ofSeconds(10));
        assertThat(state(leaving)).isEqualTo(InstanceState.SHUTTING_DOWN);
    }

    @Test
    void theGlobalTimeoutOfAHundredHeartbeatsEndsTheWaitWhateverTheHeartbeats() {
        start(false, Duration.ZERO);
        hook("drain", "autoscaling:EC2_INSTANCE_TERMINATING", 30, "ABANDON");
        String leaving = member(1);
        asg.terminateInstanceInAutoScalingGroup(r -> r.instanceId(leaving).shouldDecrementDesiredCapacity(true));
        for (int elapsed = 25; elapsed < 3000; elapsed += 25) {
            clock.advance(Duration.ofSeconds(25));
            assertThat(state(leaving)).as("after %d s", elapsed).isEqualTo(InstanceState.RUNNING);
            asg.recordLifecycleActionHeartbeat(r -> r.autoScalingGroupName("web").lifecycleHookName("drain").instanceId(leaving));
        }
        clock.advance(Duration.ofSeconds(25));
        assertThat(state(leaving)).as("3000 s = 100 x 30 s").isEqualTo(InstanceState.SHUTTING_DOWN);
    }

    @Test
    void theSpotActionStillTakesTheInstanceAtItsActionTimeWhileTheHookWaits() {
        start(false, Duration.ZERO);
        hook("drain", "autoscaling:EC2_INSTANCE_TERMINATING", 3600, "ABANDON");
        String victim = member(0);
        sim.interrupt(victim, new InterruptRequest(null, Duration.ofMinutes(2), null, null));
        clock.advance(Duration.ofSeconds(119));
        assertThat(lifecycleState(victim)).isEqualTo("Terminating:Wait");
        clock.advance(Duration.ofSeconds(1));
        assertThat(state(victim)).isEqualTo(InstanceState.SHUTTING_DOWN);
        assertThat(sim.fleet().group("web").lifecycleHooks().actions()).isEmpty();
        assertThatThrownBy(() -> asg.recordLifecycleActionHeartbeat(r -> r.autoScalingGroupName("web").lifecycleHookName("drain").instanceId(victim)))
                .isInstanceOf(AwsServiceException.class);
    }

    @Test
    void aLaunchingHookHoldsNewInstancesInPendingWaitAndAbandonReplacesThem() {
        start(false, Duration.ZERO);
        hook("warm-up", "autoscaling:EC2_INSTANCE_LAUNCHING", 120, "ABANDON");
        asg.updateAutoScalingGroup(r -> r.autoScalingGroupName("web").maxSize(4).desiredCapacity(4));
        List<String> fresh = sim.fleet().group("web").members().subList(2, 4);
        assertThat(fresh).allSatisfy(id -> assertThat(lifecycleState(id)).isEqualTo("Pending:Wait"));
        assertThat(lifecycleEvent("EC2 Instance-launch Lifecycle Action", fresh.get(0)).detail().path("LifecycleHookName").asText()).isEqualTo("warm-up");

        asg.completeLifecycleAction(r -> r.autoScalingGroupName("web").lifecycleHookName("warm-up").instanceId(fresh.get(0))
                .lifecycleActionResult("CONTINUE"));
        assertThat(lifecycleState(fresh.get(0))).isEqualTo("InService");
        asg.completeLifecycleAction(r -> r.autoScalingGroupName("web").lifecycleHookName("warm-up").instanceId(fresh.get(1))
                .lifecycleActionResult("ABANDON"));
        assertThat(state(fresh.get(1))).isEqualTo(InstanceState.SHUTTING_DOWN);
        assertThat(sim.fleet().group("web").members()).hasSize(4).doesNotContain(fresh.get(1));
    }

    @Test
    void withCapacityRebalancingTheReplacementIsInServiceBeforeTheAtRiskInstanceEntersItsTerminatingHook() {
        start(true, Duration.ofSeconds(20));
        hook("warm-up", "autoscaling:EC2_INSTANCE_LAUNCHING", 120, "ABANDON");
        hook("drain", "autoscaling:EC2_INSTANCE_TERMINATING", 300, "CONTINUE");
        String atRisk = member(0);
        sim.fleet().recommendRebalance(atRisk, Duration.ZERO);
        String replacement = sim.fleet().group("web").members().get(1);
        assertThat(replacement).isNotEqualTo(atRisk);
        assertThat(lifecycleState(atRisk)).isEqualTo("InService");

        clock.advance(Duration.ofSeconds(20));
        assertThat(state(replacement)).isEqualTo(InstanceState.RUNNING);
        assertThat(lifecycleState(replacement)).isEqualTo("Pending:Wait");
        assertThat(lifecycleState(atRisk)).as("the replacement is not in service yet").isEqualTo("InService");

        asg.completeLifecycleAction(r -> r.autoScalingGroupName("web").lifecycleHookName("warm-up").instanceId(replacement)
                .lifecycleActionResult("CONTINUE"));
        assertThat(lifecycleState(replacement)).isEqualTo("InService");
        assertThat(lifecycleState(atRisk)).isEqualTo("Terminating:Wait");
        assertThat(targetLifecycleState(atRisk)).isEqualTo("Terminated");
        asg.completeLifecycleAction(r -> r.autoScalingGroupName("web").lifecycleHookName("drain").instanceId(atRisk)
                .lifecycleActionResult("CONTINUE"));
        assertThat(state(atRisk)).isEqualTo(InstanceState.SHUTTING_DOWN);
    }
}
