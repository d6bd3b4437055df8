package dev.spotsim.simulator.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which target gets a request: health, thresholds, fail-open, 503s, and the two algorithms. */
class RoutingTest {
    private BalancerFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    private List<String> bodies(int requests) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            bodies.add(f.http.get("/").body());
        }
        return bodies;
    }

    @Test
    void requestsGoRoundRobinOverHealthyTargets() {
        f = new BalancerFixture(Duration.ofSeconds(1), Duration.ofSeconds(5));
        f.healthyTarget("a");
        f.healthyTarget("b");
        List<String> bodies = bodies(6);
        assertThat(bodies).containsOnly("a", "b");
        for (int i = 1; i < bodies.size(); i++) {
            assertThat(bodies.get(i)).as("request %d alternates", i).isNotEqualTo(bodies.get(i - 1));
        }
        RequestRecord r = f.awaitRecord(rec -> rec.status() == 200);
        assertThat(r.targetId()).isIn("a", "b");
        assertThat(r.latency()).isPositive();
        assertThat(r.errorCause()).isNull();
        assertThat(r.failed()).isFalse();
    }

    @Test
    void aNewTargetGetsNoTrafficUntilItPassesAHealthCheck() {
        // A high unhealthy threshold keeps the failing newcomer initial (not unhealthy) for a while.
        f = new BalancerFixture(new TargetGroupSettings(BalancerFixture.FAST_CHECKS.withThresholds(2, 50), Duration.ofSeconds(1),
                Duration.ofSeconds(5)));
        f.healthyTarget("a");
        TestTargets.Http late = f.targets.http("late");
        late.healthy.set(false);
        f.lb.register("late", "127.0.0.1", late.port).await();
        await().atMost(Duration.ofSeconds(5)).until(() -> late.healthChecks.get() >= 3);
        assertThat(f.state("late")).isEqualTo(TargetState.INITIAL);
        assertThat(bodies(4)).containsOnly("a");
        assertThat(late.served).hasValue(0);

        // ALB: one passed check makes a registered target healthy.
        late.healthy.set(true);
        f.awaitState("late", TargetState.HEALTHY);
        assertThat(bodies(4)).contains("late");
        assertThat(f.changes).extracting(BalancerFixture.Change::toString).containsSubsequence("late initial", "late healthy");
    }

    @Test
    void aTargetFailingChecksGoesUnhealthyAfterTheThresholdAndBackAfterTheHealthyThreshold() {
        f = new BalancerFixture(Duration.ofSeconds(1), Duration.ofSeconds(5));
        f.healthyTarget("a");
        TestTargets.Http b = f.healthyTarget("b");
        b.healthy.set(false);
        int checksWhenFailing = b.healthChecks.get();
        f.awaitState("b", TargetState.UNHEALTHY);
        assertThat(b.healthChecks.get() - checksWhenFailing).as("failed checks before unhealthy").isGreaterThanOrEqualTo(2);
        assertThat(f.lb.describeTargetHealth().await()).filteredOn(d -> d.targetId().equals("b"))
                .extracting(TargetHealthDescription::reason).containsExactly("Target.ResponseCodeMismatch");
        int servedByB = b.served.get();
        assertThat(bodies(6)).containsOnly("a");
        assertThat(b.served).hasValue(servedByB);

        b.healthy.set(true);
        int checksWhenRecovering = b.healthChecks.get();
        f.awaitState("b", TargetState.HEALTHY);
        assertThat(b.healthChecks.get() - checksWhenRecovering).as("passed checks before healthy").isGreaterThanOrEqualTo(2);
        assertThat(bodies(4)).contains("b");
    }

    @Test
    void whenEveryTargetIsUnhealthyTheBalancerFailsOpenToAllOfThem() {
        f = new BalancerFixture(Duration.ofSeconds(1), Duration.ofSeconds(5));
        TestTargets.Http a = f.healthyTarget("a");
        TestTargets.Http b = f.healthyTarget("b");
        a.healthy.set(false);
        b.healthy.set(false);
        f.awaitState("a", TargetState.UNHEALTHY);
        f.awaitState("b", TargetState.UNHEALTHY);
        HttpResponse<String> r = f.http.get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(bodies(4)).containsOnly("a", "b").contains("a", "b");
    }

    @Test
    void noRegisteredTargetsIsA503PageFromTheBalancer() {
        f = new BalancerFixture(Duration.ofSeconds(1), Duration.ofSeconds(5));
        HttpResponse<String> r = f.http.get("/anything");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Server")).contains("awselb/2.0");
        assertThat(r.headers().firstValue("Content-Type")).contains("text/html");
        assertThat(r.body()).contains("<title>503 Service Temporarily Unavailable</title>");
        RequestRecord rec = f.awaitRecord(x -> true);
        assertThat(rec.targetId()).isNull();
        assertThat(rec.status()).isEqualTo(503);
        assertThat(rec.errorCause()).isEqualTo("no_registered_targets");
        assertThat(rec.failed()).isTrue();
    }

    @Test
    void targetsThatHaveNotPassedACheckYetAreA503Too() {
        f = new BalancerFixture(Duration.ofSeconds(1), Duration.ofSeconds(5));
        TestTargets.Http a = f.targets.http("a");
        a.healthy.set(false);
        f.lb.register("a", "127.0.0.1", a.port).await();
        assertThat(f.http.get("/").statusCode()).isEqualTo(503);
        assertThat(f.awaitRecord(x -> true).errorCause()).isEqualTo("no_healthy_targets");
        assertThat(a.served).hasValue(0);
    }

    @Test
    void leastOutstandingRequestsAvoidsTheBusyTarget() throws Exception {
        f = new BalancerFixture(new TargetGroupSettings(BalancerFixture.FAST_CHECKS, Duration.ofSeconds(1), Duration.ofSeconds(5),
                RoutingAlgorithm.LEAST_OUTSTANDING_REQUESTS));
        TestTargets.Http a = f.healthyTarget("a");
        TestTargets.Http b = f.healthyTarget("b");
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> f.http.get("/slow?ms=1500").body());
        await().atMost(Duration.ofSeconds(5)).until(() -> a.slowArrived.get() + b.slowArrived.get() == 1);
        String busy = a.slowArrived.get() == 1 ? "a" : "b";
        List<String> bodies = bodies(4);
        assertThat(bodies).doesNotContain(busy);
        assertThat(slow.get()).isEqualTo(busy + " slow");
    }
}
