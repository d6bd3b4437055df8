package dev.spotsim.simulator.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spotsim.simulator.RawHttp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ALB semantics against real target servers on loopback. */
class LoadBalancerTest {
    private Vertx vertx;
    private LoadBalancer lb;
    private RawHttp http;
    private final List<RequestRecord> records = new CopyOnWriteArrayList<>();
    private final List<String> changes = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicBoolean> healthy = new HashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> slowArrivals = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        HealthCheckSettings hc = new HealthCheckSettings("/health", Duration.ofMillis(100), Duration.ofMillis(80), 2, 2, 200, 299);
        lb = new LoadBalancer(vertx, new TargetGroupSettings(hc, Duration.ofSeconds(2), Duration.ofMillis(1500)), Clock.systemUTC());
        lb.addListener(new BalancerListener() {
            @Override
            public void request(RequestRecord r) {
                records.add(r);
            }

            @Override
            public void targetChanged(String id, TargetState from, TargetState to, java.time.Instant at) {
                changes.add(id + " " + to.wireName());
            }
        });
        http = new RawHttp("http://127.0.0.1:" + lb.start("127.0.0.1", 0).await());
    }

    @AfterEach
    void stop() {
        lb.close();
        vertx.close().await();
    }

    /** A target answering its name at /, health per its flag, /slow after 0.7 s, /hang never. */
    private int target(String name) {
        AtomicBoolean ok = new AtomicBoolean(true);
        healthy.put(name, ok);
        HttpServer s = vertx.createHttpServer().requestHandler(r -> {
            switch (r.path()) {
                case "/health" -> r.response().setStatusCode(ok.get() ? 200 : 503).end();
                case "/slow" -> {
                    slowArrivals.computeIfAbsent(name, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                    vertx.setTimer(700, id -> r.response().end(name + " slow"));
                }
                case "/hang" -> { }
                default -> r.response().end(name);
            }
        }).listen(0, "127.0.0.1").await();
        return s.actualPort();
    }

    private void awaitState(String id, TargetState state) {
        await().atMost(Duration.ofSeconds(10)).until(() -> lb.states().await().get(id) == state);
    }

    @Test
    void roundRobinOverHealthyTargetsAfterTheirChecksPass() {
        lb.register("a", "127.0.0.1", target("a"));
        lb.register("b", "127.0.0.1", target("b"));
        awaitState("a", TargetState.HEALTHY);
        awaitState("b", TargetState.HEALTHY);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            bodies.add(http.get("/").body());
        }
        assertThat(bodies).containsExactlyInAnyOrder("a", "b", "a", "b");
        assertThat(changes).contains("a initial", "a healthy");
        await().atMost(Duration.ofSeconds(5)).until(() -> records.size() == 4);
        RequestRecord r = records.get(0);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.targetId()).isIn("a", "b");
        assertThat(r.latency()).isPositive();
    }

    @Test
    void anUnhealthyTargetGetsNoTrafficUntilItRecovers() {
        lb.register("a", "127.0.0.1", target("a"));
        lb.register("b", "127.0.0.1", target("b"));
        awaitState("b", TargetState.HEALTHY);
        healthy.get("b").set(false);
        awaitState("b", TargetState.UNHEALTHY);
        for (int i = 0; i < 6; i++) {
            assertThat(http.get("/").body()).isEqualTo("a");
        }
        healthy.get("b").set(true);
        awaitState("b", TargetState.HEALTHY);
    }

    @Test
    void whenNoTargetIsHealthyTheBalancerFailsOpen() {
        lb.register("a", "127.0.0.1", target("a"));
        healthy.get("a").set(false);
        awaitState("a", TargetState.UNHEALTHY);
        assertThat(http.get("/").body()).isEqualTo("a");
    }

    @Test
    void noRegisteredTargetsIs503FromTheBalancer() {
        HttpResponse<String> r = http.get("/");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Server")).contains("awselb/2.0");
        await().atMost(Duration.ofSeconds(5)).until(() -> !records.isEmpty());
        assertThat(records.get(0).errorCause()).isEqualTo("no_targets");
    }

    @Test
    void deregistrationLetsInFlightRequestsFinishAndSendsNoNewOnes() throws Exception {
        lb.register("a", "127.0.0.1", target("a"));
        lb.register("b", "127.0.0.1", target("b"));
        awaitState("a", TargetState.HEALTHY);
        awaitState("b", TargetState.HEALTHY);
        List<CompletableFuture<String>> slow = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            slow.add(CompletableFuture.supplyAsync(() -> http.get("/slow").body()));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> slowArrivals.containsKey("a"));
        lb.deregister("a");
        awaitState("a", TargetState.DRAINING);
        for (int i = 0; i < 4; i++) {
            assertThat(http.get("/").body()).isEqualTo("b");
        }
        assertThat(slow.stream().map(CompletableFuture::join).toList()).as("the in-flight request finished").contains("a slow");
        await().atMost(Duration.ofSeconds(5)).until(() -> changes.contains("a unused"));
    }

    @Test
    void aDeadTargetIs502AndASlowOneIs504() {
        int dead;
        try (var probe = new java.net.ServerSocket(0)) {
            dead = probe.getLocalPort();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        lb.register("gone", "127.0.0.1", dead);
        HttpResponse<String> refused = http.get("/");
        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(refused.body()).contains("<h1>502 Bad Gateway</h1>");
        await().atMost(Duration.ofSeconds(5)).until(() -> !records.isEmpty());
        assertThat(records.get(records.size() - 1).errorCause()).isEqualTo("target_connection_error");
        lb.deregister("gone");
        await().atMost(Duration.ofSeconds(5)).until(() -> changes.contains("gone unused"));

        lb.register("a", "127.0.0.1", target("a"));
        awaitState("a", TargetState.HEALTHY);
        HttpResponse<String> timeout = http.get("/hang");
        assertThat(timeout.statusCode()).isEqualTo(504);
        await().atMost(Duration.ofSeconds(5)).until(() -> "target_timeout".equals(records.get(records.size() - 1).errorCause()));
    }

    @Test
    void aTargetThatDropsTheConnectionIs502() {
        var net = vertx.createNetServer().connectHandler(socket -> socket.handler(b -> socket.close())).listen(0, "127.0.0.1").await();
        lb.register("rude", "127.0.0.1", net.actualPort());
        HttpResponse<String> r = http.get("/");
        assertThat(r.statusCode()).isEqualTo(502);
        await().atMost(Duration.ofSeconds(5)).until(() -> !records.isEmpty() && "target_reset".equals(records.get(records.size() - 1).errorCause()));
    }
}
