package dev.spotsim.simulator.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deregistration as ALB does it: draining, the deregistration delay, then unused. */
class DeregistrationTest {
    private BalancerFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    /** Two slow requests at once: round robin puts one on each target. Waits until both arrived. */
    private List<CompletableFuture<HttpResponse<String>>> slowOnEach(TestTargets.Http a, TestTargets.Http b, int ms) {
        List<CompletableFuture<HttpResponse<String>>> slow = Stream.of(1, 2)
                .map(i -> CompletableFuture.supplyAsync(() -> f.http.get("/slow?ms=" + ms))).toList();
        await().atMost(Duration.ofSeconds(5)).until(() -> a.slowArrived.get() == 1 && b.slowArrived.get() == 1);
        return slow;
    }

    @Test
    void aDrainingTargetGetsNoNewRequestsWhileItsSlowRequestFinishesThenItIsRemoved() {
        Duration delay = Duration.ofSeconds(3);
        f = new BalancerFixture(delay, Duration.ofSeconds(5));
        TestTargets.Http a = f.healthyTarget("a");
        TestTargets.Http b = f.healthyTarget("b");
        List<CompletableFuture<HttpResponse<String>>> slow = slowOnEach(a, b, 700);

        f.lb.deregister("a").await();
        assertThat(f.state("a")).isEqualTo(TargetState.DRAINING);
        int servedByA = a.served.get();
        for (int i = 0; i < 4; i++) {
            assertThat(f.http.get("/").body()).isEqualTo("b");
        }
        assertThat(a.served).as("no new request to the draining target").hasValue(servedByA);
        assertThat(slow.stream().map(s -> s.join().body()).toList()).as("the in-flight request finished")
                .containsExactlyInAnyOrder("a slow", "b slow");
        f.awaitRecord(r -> "a".equals(r.targetId()) && r.status() == 200);

        f.awaitState("a", TargetState.UNUSED);
        BalancerFixture.Change draining = f.change("a", TargetState.DRAINING);
        BalancerFixture.Change unused = f.change("a", TargetState.UNUSED);
        assertThat(unused.from()).isEqualTo(TargetState.DRAINING);
        // ALB shows draining until the delay has elapsed, even once nothing is in flight.
        assertThat(Duration.between(draining.at(), unused.at())).isGreaterThanOrEqualTo(delay.minusMillis(20));
        assertThat(f.lb.describeTargetHealth().await()).extracting(TargetHealthDescription::targetId).containsExactly("b");
    }

    @Test
    void aRequestStillInFlightWhenTheDelayEndsGetsA502() {
        f = new BalancerFixture(Duration.ofMillis(300), Duration.ofSeconds(5));
        TestTargets.Http a = f.healthyTarget("a");
        TestTargets.Http b = f.healthyTarget("b");
        List<CompletableFuture<HttpResponse<String>>> slow = slowOnEach(a, b, 3000);
        f.lb.deregister("a").await();

        RequestRecord cut = f.awaitRecord(r -> "a".equals(r.targetId()));
        assertThat(cut.status()).isEqualTo(502);
        assertThat(cut.errorCause()).isEqualTo("deregistration_delay_elapsed");
        assertThat(slow.stream().map(s -> s.join().statusCode()).toList()).containsExactlyInAnyOrder(502, 200);
        assertThat(f.change("a", TargetState.UNUSED)).isNotNull();
    }

    @Test
    void withNothingInFlightDeregistrationClosesTheTargetsConnectionsAtOnce() {
        f = new BalancerFixture(Duration.ofSeconds(30), Duration.ofSeconds(5));
        TestTargets.Http a = f.healthyTarget("a");
        f.http.get("/");
        assertThat(a.servingConnections).hasSize(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.openConnections.get() >= 1);

        f.lb.deregister("a").await();
        // "If a deregistering target has no in-flight requests and no active connections, [ALB] immediately
        // completes the deregistration process" -- yet it shows draining until the delay elapses.
        await().atMost(Duration.ofSeconds(5)).until(() -> a.openConnections.get() == 0);
        assertThat(f.state("a")).isEqualTo(TargetState.DRAINING);
        assertThat(f.http.get("/").statusCode()).as("only a draining target left").isEqualTo(503);
        assertThat(f.awaitRecord(r -> r.status() == 503).errorCause()).isEqualTo("no_registered_targets");
    }

    @Test
    void aZeroDelayRemovesTheTargetAtOnce() {
        f = new BalancerFixture(Duration.ZERO, Duration.ofSeconds(5));
        f.healthyTarget("a");
        f.lb.deregister("a").await();
        assertThat(f.state("a")).isEqualTo(TargetState.UNUSED);
        assertThat(f.changes).extracting(BalancerFixture.Change::toString).containsExactly("a initial", "a healthy", "a draining", "a unused");
    }

    @Test
    void registeringIsIdempotentAndDeregisteringAnUnknownTargetIsFine() {
        f = new BalancerFixture(Duration.ofSeconds(30), Duration.ofSeconds(5));
        TestTargets.Http a = f.healthyTarget("a");
        f.lb.register("a", "127.0.0.1", a.port).await();
        f.lb.deregister("nobody").await();
        assertThat(f.changes).extracting(BalancerFixture.Change::toString).containsExactly("a initial", "a healthy");

        f.lb.deregister("a").await();
        assertThatThrownBy(() -> f.lb.register("a", "127.0.0.1", a.port).await())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("still draining");
    }

    @Test
    void aDrainingTargetIsNoLongerHealthChecked() {
        f = new BalancerFixture(Duration.ofSeconds(30), Duration.ofSeconds(5));
        TestTargets.Http a = f.healthyTarget("a");
        f.lb.deregister("a").await();
        int checks = a.healthChecks.get();
        TestTargets.Http b = f.healthyTarget("b");
        await().atMost(Duration.ofSeconds(5)).until(() -> b.healthChecks.get() >= 5);
        assertThat(a.healthChecks.get()).isLessThanOrEqualTo(checks + 1);
    }
}
