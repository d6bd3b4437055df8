package dev.spotsim.simulator.balancer;

import static org.awaitility.Awaitility.await;

import dev.spotsim.simulator.RawHttp;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A started balancer with fast health checks, its targets, a client, and everything its listeners heard. */
final class BalancerFixture implements AutoCloseable {
    /** Every 150 ms, 120 ms timeout (room for a busy CI machine); healthy after 2 passes, unhealthy after 2 failures; 2xx. */
    static final HealthCheckSettings FAST_CHECKS = new HealthCheckSettings("/health", Duration.ofMillis(150), Duration.ofMillis(120), 2, 2,
            SuccessCodes.parse("200-299"));

    /** One state change as a listener heard it. */
    record Change(String targetId, TargetState from, TargetState to, Instant at) {
        @Override
        public String toString() {
            return targetId + " " + to.wireName();
        }
    }

    final Vertx vertx = Vertx.vertx();
    final TestTargets targets = new TestTargets(vertx);
    final LoadBalancer lb;
    final RawHttp http;
    final List<RequestRecord> records = new CopyOnWriteArrayList<>();
    final List<Change> changes = new CopyOnWriteArrayList<>();

    BalancerFixture(Duration deregistrationDelay, Duration targetTimeout) {
        this(new TargetGroupSettings(FAST_CHECKS, deregistrationDelay, targetTimeout));
    }

    BalancerFixture(TargetGroupSettings settings) {
        lb = new LoadBalancer(vertx, settings, Clock.systemUTC());
        lb.addRequestRecorder(records::add);
        lb.addTargetStateListener((id, from, to, at) -> changes.add(new Change(id, from, to, at)));
        http = new RawHttp("http://127.0.0.1:" + lb.start().await());
    }

    /** Registers an HTTP target and waits until it is healthy. */
    TestTargets.Http healthyTarget(String name) {
        TestTargets.Http target = targets.http(name);
        lb.register(name, "127.0.0.1", target.port).await();
        awaitState(name, TargetState.HEALTHY);
        return target;
    }

    TargetState state(String targetId) {
        return lb.describeTargetHealth().await().stream().filter(d -> d.targetId().equals(targetId))
                .map(TargetHealthDescription::state).findFirst().orElse(TargetState.UNUSED);
    }

    void awaitState(String targetId, TargetState state) {
        await().atMost(Duration.ofSeconds(10)).until(() -> state(targetId) == state);
    }

    /** The first record that matches, waiting for it to arrive. */
    RequestRecord awaitRecord(Predicate<RequestRecord> matching) {
        await().atMost(Duration.ofSeconds(10)).until(() -> records.stream().anyMatch(matching));
        return records.stream().filter(matching).findFirst().orElseThrow();
    }

    Change change(String targetId, TargetState to) {
        return changes.stream().filter(c -> c.targetId().equals(targetId) && c.to() == to).findFirst()
                .orElseThrow(() -> new AssertionError("no change of " + targetId + " to " + to + " in " + changes));
    }

    @Override
    public void close() {
        lb.close();
        targets.close();
        vertx.close().await();
    }
}
