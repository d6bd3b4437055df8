package dev.spotsim.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.simulator.clock.ManualClock;
import dev.spotsim.simulator.fleet.LifecycleHook.Result;
import dev.spotsim.simulator.fleet.LifecycleHook.Transition;
import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.instance.MetadataOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Several hooks on one transition, on a manual clock, through the group's own API. */
class LifecycleHooksTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T12:00:00Z"));
    private final Fleet fleet = new Fleet(clock, new FleetSettings(Duration.ofSeconds(5), Duration.ZERO));
    private final List<LifecycleAction> started = new CopyOnWriteArrayList<>();

    private AutoScalingGroup group(int desired) {
        return fleet.createGroup(new GroupSpec("web", desired, AllocationStrategy.DIVERSIFIED, Duration.ZERO, false,
                List.of(new SpotPool("c5.large", "us-east-1a", 0.035, SpotPool.UNLIMITED))), MetadataOptions.defaults(), new GroupListener() {
                    public void launching(String groupName, InstanceView instance, String cause) {
                    }

                    public void terminating(String groupName, InstanceView instance, String cause) {
                    }

                    public void lifecycleActionStarted(String groupName, LifecycleAction action, InstanceView instance) {
                        started.add(action);
                    }
                });
    }

    private static LifecycleHook hook(String name, Transition t, Result defaultResult) {
        return new LifecycleHook(name, t, Duration.ofSeconds(60), defaultResult, null, null, null);
    }

    @Test
    void anInstanceProceedsOnlyWhenEveryHookOfTheTransitionHasCompleted() {
        AutoScalingGroup g = group(2);
        g.lifecycleHooks().put(hook("drain-lb", Transition.TERMINATING, Result.ABANDON));
        g.lifecycleHooks().put(hook("flush-logs", Transition.TERMINATING, Result.ABANDON));
        g.setDesired(1);
        String leaving = started.get(0).instanceId();
        assertThat(started).extracting(a -> a.hook().name()).containsExactly("drain-lb", "flush-logs");
        assertThat(fleet.instance(leaving).targetLifecycleState()).isEqualTo("Terminated");

        g.lifecycleHooks().complete("drain-lb", leaving, null, Result.CONTINUE);
        assertThat(g.lifecycleState(fleet.instance(leaving))).isEqualTo("Terminating:Wait");
        g.lifecycleHooks().complete("flush-logs", leaving, null, Result.CONTINUE);
        assertThat(fleet.instance(leaving).state()).isEqualTo(InstanceState.SHUTTING_DOWN);
    }

    @Test
    void abandonOnATerminatingHookSkipsTheRemainingHooks() {
        AutoScalingGroup g = group(2);
        g.lifecycleHooks().put(hook("drain-lb", Transition.TERMINATING, Result.ABANDON));
        g.lifecycleHooks().put(hook("flush-logs", Transition.TERMINATING, Result.ABANDON));
        g.setDesired(1);
        String leaving = started.get(0).instanceId();
        g.lifecycleHooks().complete("drain-lb", null, started.get(0).token(), Result.ABANDON);
        assertThat(fleet.instance(leaving).state()).isEqualTo(InstanceState.SHUTTING_DOWN);
        assertThat(g.lifecycleHooks().actions()).isEmpty();
        assertThatThrownBy(() -> g.lifecycleHooks().complete("flush-logs", leaving, null, Result.CONTINUE))
                .isInstanceOf(FleetException.class).hasMessageContaining("No active Lifecycle Action");
    }

    @Test
    void aLaunchTimeoutWithTheDefaultAbandonTerminatesTheInstanceAndLaunchesAnother() {
        AutoScalingGroup g = group(0);
        g.lifecycleHooks().put(hook("warm-up", Transition.LAUNCHING, Result.ABANDON));
        g.setDesired(1);
        String first = g.members().get(0);
        assertThat(g.lifecycleState(fleet.instance(first))).isEqualTo("Pending:Wait");
        clock.advance(Duration.ofSeconds(60));
        assertThat(fleet.instance(first).state()).isEqualTo(InstanceState.SHUTTING_DOWN);
        assertThat(g.members()).hasSize(1).doesNotContain(first);
        assertThat(g.lifecycleState(fleet.instance(g.members().get(0)))).isEqualTo("Pending:Wait");
    }

    @Test
    void hooksOutsideAwsLimitsAreRefused() {
        assertThatThrownBy(() -> new LifecycleHook("h", Transition.LAUNCHING, Duration.ofSeconds(29), null, null, null, null))
                .hasMessageContaining("HeartbeatTimeout: expected 30..7200 seconds");
        assertThatThrownBy(() -> new LifecycleHook("h", Transition.LAUNCHING, Duration.ofSeconds(7201), null, null, null, null))
                .hasMessageContaining("HeartbeatTimeout");
        assertThat(hook("h", Transition.LAUNCHING, null).defaultResult()).isEqualTo(Result.ABANDON);
        assertThat(new LifecycleHook("h", Transition.LAUNCHING, Duration.ofHours(1), null, null, null, null).globalTimeout()).isEqualTo(Duration.ofHours(48));
        AutoScalingGroup g = group(0);
        for (int i = 0; i < LifecycleHooks.MAX_HOOKS; i++) {
            g.lifecycleHooks().put(hook("h" + i, Transition.LAUNCHING, null));
        }
        assertThatThrownBy(() -> g.lifecycleHooks().put(hook("one-more", Transition.LAUNCHING, null))).isInstanceOf(FleetException.class);
    }
}
