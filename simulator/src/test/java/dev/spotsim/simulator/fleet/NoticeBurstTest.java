package dev.spotsim.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.scenarios.model.AllocationStrategy;
import dev.spotsim.scenarios.select.Selection;
import dev.spotsim.simulator.clock.ManualClock;
import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.instance.Interruption;
import dev.spotsim.simulator.instance.MetadataOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Interruptions given together: every notice first, then the replacements, at the same instants as one by one. */
class NoticeBurstTest {
    private static final SpotPool C5_A = new SpotPool("c5.large", "us-east-1a", 0.035, SpotPool.UNLIMITED);
    private static final SpotPool M5_B = new SpotPool("m5.large", "us-east-1b", 0.040, SpotPool.UNLIMITED);
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T12:00:00Z"));
    private final Fleet fleet = new Fleet(clock, new FleetSettings(Duration.ofSeconds(5), Duration.ZERO));
    /** What the fleet did, in order: "notice i-..." and "launch i-... (cause)". */
    private final List<String> steps = Collections.synchronizedList(new ArrayList<>());

    private AutoScalingGroup group(int desired) {
        AutoScalingGroup g = fleet.createGroup(new GroupSpec("web", desired, AllocationStrategy.DIVERSIFIED, Duration.ofSeconds(20), false,
                List.of(C5_A, M5_B)), MetadataOptions.defaults());
        clock.advance(Duration.ofSeconds(20));
        fleet.addListener((before, after) -> {
            if (before != null && before.state() != InstanceState.INTERRUPTION_NOTICED && after.state() == InstanceState.INTERRUPTION_NOTICED) {
                steps.add("notice " + after.instanceId());
            }
        });
        g.addListener(new GroupListener() {
            @Override
            public void launching(String groupName, InstanceView instance, String cause) {
                steps.add("launch " + instance.instanceId() + " (" + cause + ")");
            }

            @Override
            public void terminating(String groupName, InstanceView instance, String cause) {
            }

            @Override
            public void lifecycleActionStarted(String groupName, LifecycleAction action, InstanceView instance) {
            }
        });
        return g;
    }

    private List<String> launches() {
        return steps.stream().filter(s -> s.startsWith("launch ")).toList();
    }

    @Test
    void aSelectionGivesEveryNoticeBeforeAnyReplacementLaunchesAndEachInterruptedInstanceGetsOne() {
        AutoScalingGroup g = group(6);
        Instant at = clock.now();
        List<Interruption> hit = fleet.interruptSelected(Selection.everything(), InterruptRequest.awsDefault(), 1);

        assertThat(hit).hasSize(6).allSatisfy(i -> {
            assertThat(i.noticeTime()).isEqualTo(at);
            assertThat(i.actionTime()).isEqualTo(at.plus(InterruptRequest.AWS_NOTICE));
        });
        List<String> notices = hit.stream().map(i -> "notice " + i.instanceId()).toList();
        assertThat(steps.subList(0, 6)).as("every notice first, in selection order").containsExactlyElementsOf(notices);
        assertThat(launches()).as("then one replacement per interrupted instance, in notice order")
                .hasSize(6).zipSatisfy(hit, (launch, i) -> assertThat(launch).endsWith("(replacing " + i.instanceId() + " (Spot interruption))"));
        // Back at the desired count before the call returned, launched at the notice's instant.
        assertThat(g.members()).hasSize(6).doesNotContainAnyElementsOf(hit.stream().map(Interruption::instanceId).toList());
        assertThat(g.members()).allSatisfy(id -> assertThat(fleet.instance(id).stateChangedAt()).isEqualTo(at));
    }

    @Test
    void aReclaimedPoolIsReplacedElsewhereAfterItsLastNotice() {
        AutoScalingGroup g = group(4);
        List<Interruption> hit = fleet.reclaimPool(C5_A.key(), InterruptRequest.awsDefault(), null);

        assertThat(hit).hasSize(2);
        assertThat(steps.subList(0, 2)).allMatch(s -> s.startsWith("notice "));
        assertThat(launches()).hasSize(2);
        assertThat(g.members()).hasSize(4).allSatisfy(id -> assertThat(CapacityPools.poolOf(fleet.instance(id))).isEqualTo(M5_B.key()));
    }

    @Test
    void aSingleInterruptionStillReplacesWithinItsOwnCall() {
        AutoScalingGroup g = group(2);
        String first = g.members().get(0);
        fleet.interrupt(first, InterruptRequest.awsDefault());

        assertThat(steps).hasSize(2).contains("notice " + first);
        assertThat(launches()).singleElement().asString().endsWith("(replacing " + first + " (Spot interruption))");
        assertThat(g.members()).hasSize(2).doesNotContain(first);
    }

    @Test
    void whenABurstStopsHalfwayTheNoticesAlreadyGivenAreStillReplaced() {
        AutoScalingGroup g = group(4);
        String third = fleet.instances().get(2).instanceId();
        fleet.addListener((before, after) -> {
            if (after.instanceId().equals(third) && after.state() == InstanceState.INTERRUPTION_NOTICED) {
                throw new IllegalStateException("a listener failed on " + third);
            }
        });

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fleet.interruptSelected(Selection.everything(), InterruptRequest.awsDefault(), 1))
                .hasMessageContaining(third);
        assertThat(steps).filteredOn(s -> s.startsWith("notice ")).hasSize(3);
        assertThat(launches()).as("one replacement per notice given, though the burst did not complete").hasSize(3)
                .last().asString().endsWith("(replacing " + third + " (Spot interruption))");
        assertThat(g.members()).hasSize(4);
    }
}
