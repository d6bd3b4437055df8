package dev.spotsim.simulator.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spotsim.simulator.RawHttp;
import io.vertx.core.Vertx;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Starting, the injected clock, and closing everything the balancer started. */
class LifecycleTest {
    private static final Instant SIMULATED = Instant.parse("2026-01-01T12:00:00Z");
    private final Vertx vertx = Vertx.vertx();
    private final TestTargets targets = new TestTargets(vertx);
    private final LoadBalancer lb = new LoadBalancer(vertx, new TargetGroupSettings(BalancerFixture.FAST_CHECKS, Duration.ofSeconds(1),
            Duration.ofSeconds(5)), () -> SIMULATED);

    @AfterEach
    void stop() {
        lb.close();
        targets.close();
        vertx.close().await();
    }

    @Test
    void targetsCannotBeRegisteredBeforeStart() {
        assertThat(lb.port()).isEqualTo(-1);
        assertThatThrownBy(() -> lb.register("a", "127.0.0.1", 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("start the balancer");
    }

    @Test
    void recordsAndStateChangesCarryTheInjectedClocksTime() {
        List<RequestRecord> records = new CopyOnWriteArrayList<>();
        List<Instant> changedAt = new CopyOnWriteArrayList<>();
        lb.addListener(new BalancerListener() {
            @Override
            public void record(RequestRecord record) {
                records.add(record);
            }

            @Override
            public void targetChanged(String targetId, TargetState from, TargetState to, Instant at) {
                changedAt.add(at);
            }
        });
        int port = lb.start().await();
        assertThat(lb.port()).isEqualTo(port);
        TestTargets.Http a = targets.http("a");
        lb.register("a", "127.0.0.1", a.port).await();
        await().atMost(Duration.ofSeconds(5)).until(() -> changedAt.size() == 2);
        assertThat(new RawHttp("http://127.0.0.1:" + port).get("/").body()).isEqualTo("a");
        await().atMost(Duration.ofSeconds(5)).until(() -> records.size() == 1);
        assertThat(records.get(0).start()).isEqualTo(SIMULATED);
        assertThat(changedAt).containsOnly(SIMULATED);
    }

    @Test
    void aSecondStartIsRefused() {
        lb.start().await();
        assertThatThrownBy(() -> lb.start().await()).hasMessageContaining("already listening");
    }

    @Test
    void closeStopsListeningCheckingAndEveryTargetConnection() {
        int port = lb.start().await();
        TestTargets.Http a = targets.http("a");
        lb.register("a", "127.0.0.1", a.port).await();
        RawHttp http = new RawHttp("http://127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(5)).until(() -> http.get("/").statusCode() == 200);
        assertThat(a.openConnections.get()).isPositive();

        lb.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> a.openConnections.get() == 0);
        int checks = a.healthChecks.get();
        assertThatThrownBy(() -> http.get("/")).isInstanceOf(UncheckedIOException.class);
        // For several check intervals, no new check (one may have been on its way).
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> a.healthChecks.get() <= checks + 1);
        lb.close();
    }
}
