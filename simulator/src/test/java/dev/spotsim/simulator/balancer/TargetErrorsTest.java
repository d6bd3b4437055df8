package dev.spotsim.simulator.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the client gets, and what is recorded, when a target misbehaves or the client leaves. */
class TargetErrorsTest {
    private static final Duration TARGET_TIMEOUT = Duration.ofMillis(800);
    private BalancerFixture f;

    @BeforeEach
    void start() {
        f = new BalancerFixture(Duration.ofSeconds(1), TARGET_TIMEOUT);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /** Registers a target that fails its health checks; fail-open still routes to it. */
    private void registerUnhealthy(String id, int port) {
        f.lb.register(id, "127.0.0.1", port).await();
        f.awaitState(id, TargetState.UNHEALTHY);
    }

    private void assertAlbPage(HttpResponse<String> r, int status, String title) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Server")).contains("awselb/2.0");
        assertThat(r.body()).contains("<h1>" + status + " " + title + "</h1>");
    }

    private RequestRecord lastRecordOf(String targetId) {
        await().atMost(Duration.ofSeconds(5)).until(() -> f.records.stream().anyMatch(r -> targetId.equals(r.targetId())));
        return f.records.stream().filter(r -> targetId.equals(r.targetId())).reduce((x, y) -> y).orElseThrow();
    }

    @Test
    void aTargetRefusingConnectionsIsA502() {
        registerUnhealthy("gone", TestTargets.refusingPort());
        assertAlbPage(f.http.get("/"), 502, "Bad Gateway");
        RequestRecord r = lastRecordOf("gone");
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.errorCause()).isEqualTo("target_connection_error");
        assertThat(f.lb.describeTargetHealth().await().get(0).reason()).isEqualTo("Target.FailedHealthChecks");

        assertThat(f.http.send("POST", "/", "x".repeat(300_000)).statusCode()).as("an unread upload").isEqualTo(502);
        f.healthyTarget("a");
        assertThat(f.http.get("/").body()).as("the client's connection still works").isEqualTo("a");
    }

    @Test
    void aTargetClosingTheConnectionMidRequestIsA502() {
        registerUnhealthy("rude", f.targets.closesConnection());
        assertAlbPage(f.http.get("/"), 502, "Bad Gateway");
        assertThat(lastRecordOf("rude").errorCause()).isEqualTo("target_reset");
    }

    @Test
    void aTargetAnsweringGarbageIsA502() {
        registerUnhealthy("garbage", f.targets.answersGarbage());
        assertAlbPage(f.http.get("/"), 502, "Bad Gateway");
        assertThat(lastRecordOf("garbage").errorCause()).isEqualTo("target_malformed_response");
    }

    @Test
    void aTargetSilentPastTheTimeoutIsA504AndItsConnectionIsClosed() {
        TestTargets.Http a = f.healthyTarget("a");
        HttpResponse<String> r = f.http.get("/hang");
        assertAlbPage(r, 504, "Gateway Time-out");
        RequestRecord rec = lastRecordOf("a");
        assertThat(rec.status()).isEqualTo(504);
        assertThat(rec.errorCause()).isEqualTo("target_timeout");
        assertThat(rec.latency()).isGreaterThanOrEqualTo(TARGET_TIMEOUT.minusMillis(20));
        await().atMost(Duration.ofSeconds(5)).until(() -> a.hangClosed.get() == 1);
        assertThat(f.http.get("/").body()).as("the target still serves").isEqualTo("a");
    }

    @Test
    void aClientLeavingBeforeTheAnswerIsRecordedAs460AndTheTargetRequestIsCancelled() {
        TestTargets.Http a = f.healthyTarget("a");
        var socket = f.vertx.createNetClient().connect(f.lb.port(), "127.0.0.1").await();
        socket.write("GET /slow?ms=5000 HTTP/1.1\r\nHost: shop.example\r\n\r\n").await();
        await().atMost(Duration.ofSeconds(5)).until(() -> a.slowArrived.get() == 1);
        socket.close().await();

        RequestRecord r = lastRecordOf("a");
        assertThat(r.status()).isEqualTo(460);
        assertThat(r.errorCause()).isEqualTo("client_closed");
        assertThat(r.failed()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> a.openConnections.get() == 0);
    }

    @Test
    void traceIsRefusedWith405AsAlbDoes() {
        TestTargets.Http a = f.healthyTarget("a");
        assertAlbPage(f.http.send("TRACE", "/", null), 405, "Method Not Allowed");
        assertThat(f.awaitRecord(r -> r.status() == 405).errorCause()).isEqualTo("method_not_allowed");
        assertThat(a.served).hasValue(0);
    }
}
