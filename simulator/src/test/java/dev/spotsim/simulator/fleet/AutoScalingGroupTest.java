package dev.spotsim.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.scenarios.select.Selection;
import dev.spotsim.simulator.clock.ManualClock;
import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.instance.MetadataOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Groups, pools and strategies on a manual clock: who launches where, who is lost, who comes back. */
class AutoScalingGroupTest {
    private static final SpotPool C5_A = new SpotPool("c5.large", "us-east-1a", 0.035, SpotPool.UNLIMITED);
    private static final SpotPool M5_B = new SpotPool("m5.large", "us-east-1b", 0.040, SpotPool.UNLIMITED);
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T12:00:00Z"));
    private final Fleet fleet = new Fleet(clock, new FleetSettings(Duration.ofSeconds(5), Duration.ZERO));

    private AutoScalingGroup group(int desired, AllocationStrategy strategy, boolean rebalance, SpotPool... pools) {
        return fleet.createGroup(new GroupSpec("web", desired, strategy, Duration.ofSeconds(20), rebalance, List.of(pools)),
                MetadataOptions.defaults());
    }

    private Map<String, Long> runningPerPool() {
        return fleet.instances().stream().filter(v -> v.state() == InstanceState.RUNNING)
                .collect(Collectors.groupingBy(CapacityPools::poolOf, Collectors.counting()));
    }

    private InterruptRequest notice(Duration d) {
        return new InterruptRequest(null, d, null, null);
    }

    @Test
    void launchesTheDesiredCapacityAfterTheLaunchDelay() {
        AutoScalingGroup g = group(4, AllocationStrategy.DIVERSIFIED, false, C5_A, M5_B);
        assertThat(g.members()).hasSize(4);
        assertThat(fleet.instances()).allMatch(v -> v.state() == InstanceState.PENDING);
        clock.advance(Duration.ofSeconds(20));
        assertThat(runningPerPool()).containsOnly(Map.entry("c5.large/us-east-1a", 2L), Map.entry("m5.large/us-east-1b", 2L));
        assertThat(fleet.instances()).allMatch(v -> "web".equals(v.identity().autoScalingGroup()));
    }

    @Test
    void strategiesPickTheirPools() {
        SpotPool shallowCheap = new SpotPool("c5.large", "us-east-1a", 0.01, 3);
        SpotPool deepDear = new SpotPool("m5.large", "us-east-1b", 0.05, 100);
        assertThat(AllocationStrategy.LOWEST_PRICE.choose(List.of(new AllocationStrategy.PoolLoad(shallowCheap, 3, 0),
                new AllocationStrategy.PoolLoad(deepDear, 100, 0)))).contains(shallowCheap);
        assertThat(AllocationStrategy.CAPACITY_OPTIMIZED.choose(List.of(new AllocationStrategy.PoolLoad(shallowCheap, 3, 0),
                new AllocationStrategy.PoolLoad(deepDear, 100, 0)))).contains(deepDear);
        SpotPool deepCheap = new SpotPool("c6i.large", "us-east-1c", 0.02, 80);
        assertThat(AllocationStrategy.PRICE_CAPACITY_OPTIMIZED.choose(List.of(new AllocationStrategy.PoolLoad(shallowCheap, 3, 0),
                new AllocationStrategy.PoolLoad(deepDear, 100, 0), new AllocationStrategy.PoolLoad(deepCheap, 80, 0)))).contains(deepCheap);
        assertThat(AllocationStrategy.DIVERSIFIED.choose(List.of(new AllocationStrategy.PoolLoad(shallowCheap, 3, 2),
                new AllocationStrategy.PoolLoad(deepDear, 100, 1)))).contains(deepDear);
        assertThat(AllocationStrategy.LOWEST_PRICE.choose(List.of(new AllocationStrategy.PoolLoad(shallowCheap, 0, 3)))).isEmpty();
    }

    @Test
    void aPoolWithLimitedCapacityOverflowsIntoTheNext() {
        group(5, AllocationStrategy.LOWEST_PRICE, false, new SpotPool("c5.large", "us-east-1a", 0.01, 3), M5_B);
        clock.advance(Duration.ofSeconds(20));
        assertThat(runningPerPool()).containsOnly(Map.entry("c5.large/us-east-1a", 3L), Map.entry("m5.large/us-east-1b", 2L));
    }

    @Test
    void reclaimingAPoolCostsADiversifiedGroupOnlyItsShare() {
        AutoScalingGroup g = group(4, AllocationStrategy.DIVERSIFIED, false, C5_A, M5_B);
        clock.advance(Duration.ofSeconds(20));
        assertThat(fleet.reclaimPool(C5_A.key(), notice(Duration.ofSeconds(30)), null)).hasSize(2);
        clock.advance(Duration.ofSeconds(20));
        // The interrupted pair was replaced in the pool that still has capacity, while the pair drains.
        assertThat(runningPerPool()).containsOnly(Map.entry("m5.large/us-east-1b", 4L));
        assertThat(g.members()).hasSize(4);
        assertThat(g.waitingForCapacity()).isZero();
    }

    @Test
    void reclaimingTheOnlyPoolLosesEverythingUntilCapacityReturns() {
        AutoScalingGroup g = group(3, AllocationStrategy.CAPACITY_OPTIMIZED, false, C5_A);
        clock.advance(Duration.ofSeconds(20));
        fleet.reclaimPool(C5_A.key(), notice(Duration.ofSeconds(30)), Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(1));
        assertThat(runningPerPool()).isEmpty();
        assertThat(g.members()).isEmpty();
        assertThat(g.waitingForCapacity()).isEqualTo(3);

        clock.advance(Duration.ofMinutes(4));
        assertThat(fleet.pools().isReclaimed(C5_A.key())).isFalse();
        clock.advance(Duration.ofSeconds(20));
        assertThat(runningPerPool()).containsOnly(Map.entry("c5.large/us-east-1a", 3L));
        assertThat(g.waitingForCapacity()).isZero();
    }

    @Test
    void capacityRebalancingReplacesOnTheRecommendationThenTerminatesTheAtRiskInstance() {
        AutoScalingGroup g = group(2, AllocationStrategy.DIVERSIFIED, true, C5_A, M5_B);
        clock.advance(Duration.ofSeconds(20));
        String atRisk = g.members().get(0);
        fleet.recommendRebalance(atRisk, Duration.ZERO);
        assertThat(g.members()).hasSize(2).doesNotContain(atRisk);
        assertThat(fleet.instance(atRisk).state()).isEqualTo(InstanceState.REBALANCE_RECOMMENDED);
        clock.advance(Duration.ofSeconds(20));
        assertThat(fleet.instance(atRisk).state()).isEqualTo(InstanceState.SHUTTING_DOWN);
        assertThat(runningPerPool().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
    }

    @Test
    void withoutCapacityRebalancingARecommendationChangesNothing() {
        AutoScalingGroup g = group(2, AllocationStrategy.DIVERSIFIED, false, C5_A, M5_B);
        clock.advance(Duration.ofSeconds(20));
        fleet.recommendRebalance(g.members().get(0), Duration.ZERO);
        assertThat(g.members()).hasSize(2);
        assertThat(fleet.instances()).hasSize(2);
    }

    @Test
    void desiredCapacityScalesOutAndIn() {
        AutoScalingGroup g = group(2, AllocationStrategy.DIVERSIFIED, false, C5_A, M5_B);
        clock.advance(Duration.ofSeconds(20));
        g.setDesired(4);
        clock.advance(Duration.ofSeconds(20));
        assertThat(runningPerPool().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(4);
        List<String> before = g.members();
        g.setDesired(1);
        assertThat(g.members()).containsExactly(before.get(0));
        clock.advance(Duration.ofSeconds(10));
        assertThat(fleet.instances().stream().filter(v -> v.state() == InstanceState.TERMINATED)).hasSize(3);
    }

    @Test
    void scheduledInterruptionsPickTheSameTargetsForTheSameSeed() {
        List<String> first = picks(42);
        assertThat(first).hasSize(3).isEqualTo(picks(42));
        assertThat(List.of(picks(1), picks(2), picks(3))).anySatisfy(other -> assertThat(other).isNotEqualTo(first));
    }

    private List<String> picks(long seed) {
        ManualClock c = new ManualClock(Instant.parse("2026-01-01T12:00:00Z"));
        Fleet f = new Fleet(c, FleetSettings.defaults());
        f.createGroup(new GroupSpec("g", 10, AllocationStrategy.DIVERSIFIED, Duration.ZERO, false, List.of(C5_A, M5_B)), MetadataOptions.defaults());
        f.scheduleInterruption(c.now().plusSeconds(30), Selection.ofCount(3), InterruptRequest.awsDefault(), seed);
        assertThat(f.scheduledInterruptions()).hasSize(1);
        c.advance(Duration.ofSeconds(30));
        assertThat(f.scheduledInterruptions()).isEmpty();
        return f.instances().stream().filter(v -> v.interruption() != null).map(InstanceView::instanceId).toList();
    }

    @Test
    void selectionsNarrowToAPoolOrAZoneAndPercentRoundsUp() {
        group(6, AllocationStrategy.DIVERSIFIED, false, C5_A, M5_B);
        clock.advance(Duration.ofSeconds(20));
        var inPool = fleet.interruptSelected(new Selection(null, null, null, true, new Selection.From(C5_A.key(), null)), InterruptRequest.awsDefault(), 7);
        assertThat(inPool).hasSize(3);
        var share = fleet.interruptSelected(new Selection(null, null, 50.0, null, new Selection.From(null, "us-east-1b")), InterruptRequest.awsDefault(), 7);
        assertThat(share).hasSize(2);
    }

    @Test
    void aCancelledScheduledInterruptionNeverFires() {
        group(2, AllocationStrategy.DIVERSIFIED, false, C5_A, M5_B);
        var s = fleet.scheduleInterruption(clock.now().plusSeconds(60), Selection.everything(), InterruptRequest.awsDefault(), 1);
        fleet.cancelScheduledInterruption(s.id());
        clock.advance(Duration.ofMinutes(5));
        assertThat(fleet.instances()).allMatch(v -> v.interruption() == null);
    }

    @Test
    void aScaleInWaitsForEveryTerminationGateBeforeTheInstanceGoes() {
        AutoScalingGroup g = group(2, AllocationStrategy.DIVERSIFIED, false, C5_A, M5_B);
        clock.advance(Duration.ofSeconds(20));
        java.util.concurrent.CompletableFuture<Void> drained = new java.util.concurrent.CompletableFuture<>();
        List<String> asked = new java.util.ArrayList<>();
        g.addTerminationGate((instance, cause) -> {
            asked.add(instance.instanceId() + " " + cause);
            return drained;
        });
        String newest = g.members().get(1);

        g.setDesired(1);
        clock.advance(Duration.ofSeconds(30));
        assertThat(asked).containsExactly(newest + " scale-in: desired capacity lowered to 1");
        assertThat(fleet.instance(newest).state()).as("held by the gate").isEqualTo(InstanceState.RUNNING);
        assertThat(g.members()).doesNotContain(newest);

        drained.complete(null);
        clock.advance(Duration.ZERO);
        assertThat(fleet.instance(newest).state()).isEqualTo(InstanceState.SHUTTING_DOWN);
    }

    @Test
    void aSpotNoticeBeforeTheRebalanceReplacementRunsTakesOverAndTheActionTakesTheInstance() {
        AutoScalingGroup g = group(1, AllocationStrategy.DIVERSIFIED, true, C5_A, M5_B);
        clock.advance(Duration.ofSeconds(20));
        String atRisk = g.members().get(0);
        List<String> asked = new java.util.ArrayList<>();
        g.addTerminationGate((instance, cause) -> {
            asked.add(instance.instanceId() + " " + cause);
            return new java.util.concurrent.CompletableFuture<>();
        });

        fleet.interrupt(atRisk, new InterruptRequest(null, Duration.ofSeconds(120), null, Duration.ofSeconds(10)));
        clock.advance(Duration.ofSeconds(10));
        assertThat(g.members()).hasSize(1).doesNotContain(atRisk);
        clock.advance(Duration.ofSeconds(20));
        // The notice came before the replacement ran: the Spot interruption's own drain (the lane's) takes over,
        // so Capacity Rebalancing no longer terminates it through the gate.
        assertThat(asked).isEmpty();
        assertThat(fleet.instance(atRisk).state()).isEqualTo(InstanceState.INTERRUPTION_NOTICED);

        clock.advance(Duration.ofSeconds(120));
        assertThat(fleet.instance(atRisk).state()).as("the Spot action took it").isIn(InstanceState.SHUTTING_DOWN, InstanceState.TERMINATED);
    }
}
