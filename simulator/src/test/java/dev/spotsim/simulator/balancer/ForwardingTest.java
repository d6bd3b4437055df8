package dev.spotsim.simulator.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What crosses the balancer: method, URI, headers as ALB rewrites them, bodies both ways, pooled connections. */
class ForwardingTest {
    private BalancerFixture f;
    private TestTargets.Http a;

    @BeforeEach
    void start() {
        f = new BalancerFixture(Duration.ofSeconds(1), Duration.ofSeconds(5));
        a = f.healthyTarget("a");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private JsonObject echoed(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    @Test
    void theTargetGetsMethodUriAndAlbForwardingHeaders() {
        JsonObject echo = echoed(f.http.send("PUT", "/echo?x=1&y=two", "hello", "X-Custom", "kept", "X-Forwarded-For", "203.0.113.7"));
        assertThat(echo.getString("method")).isEqualTo("PUT");
        assertThat(echo.getString("uri")).isEqualTo("/echo?x=1&y=two");
        assertThat(echo.getString("body")).isEqualTo("hello");
        JsonObject h = echo.getJsonObject("headers");
        assertThat(h.getString("x-custom")).isEqualTo("kept");
        assertThat(h.getString("host")).as("Host passes unchanged").isEqualTo("127.0.0.1:" + f.lb.port());
        assertThat(h.getString("x-forwarded-for")).isEqualTo("203.0.113.7, 127.0.0.1");
        assertThat(h.getString("x-forwarded-proto")).isEqualTo("http");
        assertThat(h.getString("x-forwarded-port")).isEqualTo(Integer.toString(f.lb.port()));
        assertThat(h.getString("x-amzn-trace-id")).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}");
    }

    @Test
    void hopByHopHeadersStopAtTheBalancer() {
        var client = f.vertx.createHttpClient();
        RequestOptions options = new RequestOptions().setHost("127.0.0.1").setPort(f.lb.port()).setURI("/echo")
                .putHeader("Connection", "keep-alive, X-Hop").putHeader("X-Hop", "secret").putHeader("Keep-Alive", "timeout=5")
                .putHeader("Proxy-Authorization", "Basic x").putHeader("X-End", "kept")
                // Hop-by-hop names of every other length (2, 7, 16, 18), and end-to-end names of those lengths, which cross.
                .putHeader("TE", "trailers").putHeader("Trailer", "X-Sum").putHeader("Proxy-Connection", "keep-alive")
                .putHeader("Proxy-Authenticate", "Basic").putHeader("X2", "kept").putHeader("X-Trail", "kept")
                .putHeader("X-Correlation-Id", "kept").putHeader("X-Request-Context", "kept").putHeader("X-Request-Start-At", "kept");
        JsonObject h = client.request(options).compose(r -> r.send().compose(HttpClientResponse::body)).map(Buffer::toJsonObject)
                .await().getJsonObject("headers");
        assertThat(h.fieldNames()).doesNotContain("x-hop", "keep-alive", "proxy-authorization", "te", "trailer", "proxy-connection",
                "proxy-authenticate");
        assertThat(h.getString("x-end")).isEqualTo("kept");
        assertThat(h.fieldNames()).contains("x2", "x-trail", "x-correlation-id", "x-request-context", "x-request-start-at");
        client.close().await();
    }

    @Test
    void aHostWithoutAPortReachesTheTargetAsSent() {
        var client = f.vertx.createHttpClient();
        RequestOptions options = new RequestOptions().setHost("127.0.0.1").setPort(f.lb.port()).setURI("/echo");
        JsonObject h = client.request(options).compose(r -> r.authority(HostAndPort.create("shop.example", -1)).send()
                .compose(HttpClientResponse::body)).map(Buffer::toJsonObject).await().getJsonObject("headers");
        assertThat(h.getString("host")).isEqualTo("shop.example");
        client.close().await();
    }

    @Test
    void aLargeUploadAndItsAnswerStreamThrough() {
        String body = "0123456789".repeat(200_000);
        HttpResponse<String> r = f.http.send("POST", "/echo", body, "Content-Type", "text/plain");
        assertThat(r.headers().firstValue("X-Body-Length")).contains(Integer.toString(body.length()));
        assertThat(echoed(r).getString("body")).isEqualTo(body);
    }

    @Test
    void aChunkedAnswerArrivesWhole() {
        HttpResponse<String> r = f.http.get("/stream?chunks=50");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("chunk-0;").endsWith("chunk-49;");
    }

    @Test
    void responseHeadersPassAndHeadHasNoBody() {
        HttpResponse<String> r = f.http.get("/");
        assertThat(r.headers().firstValue("X-Served-By")).contains("a");
        HttpResponse<String> head = f.http.send("HEAD", "/", null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void requestsReuseKeepAliveConnectionsToTheTarget() {
        for (int i = 0; i < 5; i++) {
            f.http.get("/");
        }
        assertThat(a.served).hasValue(5);
        assertThat(a.servingConnections).as("one pooled connection for sequential requests").hasSize(1);
    }

    @Test
    void healthChecksIdentifyThemselvesAndUseAFreshConnectionEachTime() {
        int checks = a.healthChecks.get();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> a.healthChecks.get() >= checks + 3);
        assertThat(a.lastHealthHeaders.get("User-Agent")).isEqualTo("ELB-HealthChecker/2.0");
        assertThat(new HashSet<>(a.healthConnections)).hasSizeGreaterThanOrEqualTo(3);
        assertThat(a.healthConnections).hasSize(a.healthChecks.get());
    }

    @Test
    void aClientTraceIdGetsASelfFieldAndKeepsItsRoot() {
        String root = "Root=1-67891233-abcdef012345678912345678";
        JsonObject h = echoed(f.http.send("GET", "/echo", null, "X-Amzn-Trace-Id", root + ";CalledFrom=app")).getJsonObject("headers");
        assertThat(h.getString("x-amzn-trace-id")).matches("Self=1-[0-9a-f]{8}-[0-9a-f]{24};" + Pattern.quote(root + ";CalledFrom=app"));
    }
}
