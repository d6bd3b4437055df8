package dev.spotsim.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.simulator.clock.ManualClock;
import dev.spotsim.simulator.instance.InstanceIdentity;
import dev.spotsim.simulator.instance.InstanceLifecycle;
import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.instance.InterruptionAction;
import dev.spotsim.simulator.instance.MetadataOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fleet service and the lifecycle table, on a manual clock. */
class FleetTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T12:00:00Z"));
    private final Fleet fleet = new Fleet(clock, new FleetSettings(Duration.ofSeconds(5), Duration.ofSeconds(20)));
    private final List<String> transitions = new ArrayList<>();
    private String id;

    @BeforeEach
    void launch() {
        fleet.addListener((before, after) -> {
            if (before == null || before.state() != after.state()) {
                transitions.add(clock.now().getEpochSecond() % 3600 + "s " + after.state().wireName());
            }
        });
        id = fleet.launch(InstanceIdentity.generated(0, "c5.large", "us-east-1a", "spot").withAutoScalingGroup("web"),
                MetadataOptions.defaults()).instanceId();
    }

    @Test
    void aLaunchedInstanceIsPendingForTheBootDurationThenRunning() {
        assertThat(fleet.instance(id).state()).isEqualTo(InstanceState.PENDING);
        assertThat(fleet.instance(id).targetLifecycleState()).isEqualTo("Pending");
        clock.advance(Duration.ofSeconds(20));
        assertThat(fleet.instance(id).state()).isEqualTo(InstanceState.RUNNING);
        assertThat(fleet.instance(id).targetLifecycleState()).isEqualTo("InService");
    }

    @Test
    void aPendingInstanceCannotBeInterrupted() {
        assertThatThrownBy(() -> fleet.interrupt(id, InterruptRequest.awsDefault()))
                .isInstanceOf(FleetException.class).hasMessageContaining("is pending");
    }

    @Test
    void theWholeInterruptionRunsInOrderAtItsTimes() {
        clock.advance(Duration.ofSeconds(20));
        fleet.interrupt(id, new InterruptRequest(InterruptionAction.TERMINATE, Duration.ofMinutes(2), Duration.ofSeconds(10), Duration.ofSeconds(30)));
        clock.advance(Duration.ofMinutes(10));
        assertThat(transitions).containsExactly("0s pending", "20s running", "30s rebalance-recommended", "60s interruption-noticed",
                "180s shutting-down", "185s terminated");
    }

    @Test
    void subSecondNoticesStillActOnAWholeSecond() {
        clock.advance(Duration.ofMillis(20_400));
        var plan = fleet.interrupt(id, new InterruptRequest(null, Duration.ofMillis(1500), null, null));
        assertThat(plan.actionTime()).isEqualTo(Instant.parse("2026-01-01T12:00:22Z"));
        assertThat(plan.actionTime()).isAfterOrEqualTo(plan.noticeTime());
    }

    @Test
    void theLifecycleTableRefusesImpossibleMoves() {
        assertThat(InstanceLifecycle.allows(InstanceState.TERMINATED, InstanceState.RUNNING)).isFalse();
        assertThat(InstanceLifecycle.allows(InstanceState.INTERRUPTION_NOTICED, InstanceState.REBALANCE_RECOMMENDED)).isFalse();
        assertThat(InstanceLifecycle.allows(InstanceState.STOPPED, InstanceState.PENDING)).isTrue();
        for (InstanceState s : InstanceState.values()) {
            assertThat(InstanceLifecycle.allows(s, s)).as(s + " to itself").isFalse();
        }
        assertThatThrownBy(() -> InstanceLifecycle.check("i-1", InstanceState.TERMINATED, InstanceState.RUNNING))
                .hasMessage("i-1 is terminated and cannot become running");
    }

    @Test
    void aRebalanceAfterTheNoticeKeepsTheNoticedState() {
        clock.advance(Duration.ofSeconds(20));
        fleet.interrupt(id, InterruptRequest.awsDefault());
        fleet.recommendRebalance(id, Duration.ZERO);
        InstanceView v = fleet.instance(id);
        assertThat(v.state()).isEqualTo(InstanceState.INTERRUPTION_NOTICED);
        assertThat(v.rebalanceTime()).isEqualTo(clock.now());
        assertThatThrownBy(() -> fleet.recommendRebalance(id, Duration.ZERO)).hasMessageContaining("already had a rebalance");
    }

    @Test
    void identitiesAreValidated() {
        var good = InstanceIdentity.generated(1, "c5.large", "us-east-1a", "spot");
        assertThatThrownBy(() -> good.withInstanceId("instance-1")).hasMessageContaining("instanceId: expected i- and 8 or 17 hex digits");
        assertThatThrownBy(() -> InstanceIdentity.generated(1, "c5.large", "mars-1a", "spot")).hasMessageContaining("availabilityZone");
        assertThatThrownBy(() -> InstanceIdentity.generated(1, "c5.large", "us-east-1a", "reserved")).hasMessageContaining("lifecycle");
        assertThatThrownBy(() -> fleet.launch(fleet.instance(id).identity(), MetadataOptions.defaults()))
                .hasMessageContaining("already exists");
    }
}
