package dev.spotsim.simulator.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.simulator.SpotSim;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The control port under requests no honest client sends: each gets a 4xx answer at once, never a hang or a 5xx. */
class ControlPortAbuseTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SpotSim sim;
    private static int port;

    @BeforeAll
    static void start() {
        sim = SpotSim.builder().instances(1).start();
        port = sim.controlPort();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static RawExchange send(String request) throws IOException {
        return RawExchange.send(port, request, PROMPTLY);
    }

    private static JsonNode jsonError(RawExchange r, int status) throws IOException {
        assertThat(r.answered()).as("an answer to the request").isTrue();
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("error").asText()).isNotEmpty();
        assertThat(body.path("message").asText()).doesNotContain("Exception").doesNotContain("io.netty");
        return body;
    }

    @Test
    void aFormContentTypeWithABrokenEscapeInTheQueryIsAnsweredBadRequest() throws IOException {
        RawExchange r = send("POST /spotsim/v1/health?a=%zz HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 3\r\nConnection: close\r\n\r\nb=1");
        assertThat(jsonError(r, 400).path("message").asText()).contains("percent escape");
    }

    @Test
    void aFormBodyLongerThanNettysFieldLimitIsReadAsBytesNotAFiveHundred() throws IOException {
        String body = "Action=DescribeInstances&Version=2016-11-15&Filter.1.Value=" + "x".repeat(20_000);
        RawExchange r = send("POST /spotsim/v1/%2e%2e/v1/health HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        jsonError(r, 400);
        RawExchange aws = send("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + (body.length() + 3) + "\r\nConnection: close\r\n\r\n" + body + "&a%");
        assertThat(aws.status()).isEqualTo(400);
        assertThat(aws.body()).contains("MalformedQueryString").doesNotContain("io.netty");
    }

    @Test
    void anH2cUpgradeIsIgnoredAndTheConnectionKeepsWorking() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout((int) PROMPTLY.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET /spotsim/v1/health HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                    + "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write("GET /spotsim/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answers).doesNotContain("101 Switching");
            assertThat(answers.split("HTTP/1.1 200", -1)).hasSize(3);
        }
    }

    @Test
    void aConnectionThatNeverFinishesItsHeadersIsClosed() throws Exception {
        SpotSim quick = SpotSim.builder().instances(1).start();
        try (quick; Socket slow = new Socket()) {
            // A second server with a short deadline, on the same code path as the real one.
            var server = ControlServer.listen(quick.vertx(), "127.0.0.1", 0, io.vertx.ext.web.Router.router(quick.vertx()),
                    Duration.ofMillis(500)).await();
            slow.connect(new InetSocketAddress("127.0.0.1", server.actualPort()), 2000);
            slow.setSoTimeout(10_000);
            slow.getOutputStream().write("GET /spotsim/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            long started = System.nanoTime();
            InputStream in = slow.getInputStream();
            int read;
            try {
                read = in.read();
            } catch (IOException reset) {
                read = -1;
            }
            assertThat(read).as("the server closed the connection").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(9));
            server.close().await();
        }
    }

    @Test
    void overlongRequestLinesAndHeadersGetTheirOwnStatus() throws IOException {
        jsonError(send("GET /spotsim/v1/" + "a".repeat(3000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 414);
        jsonError(send("GET /spotsim/v1/health?q=" + "a".repeat(ControlServer.MAX_REQUEST_LINE) + " HTTP/1.1\r\nHost: x\r\n\r\n"), 414);
        jsonError(send("GET /spotsim/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(ControlServer.MAX_HEADER_BYTES) + "\r\n\r\n"), 431);
    }

    @Test
    void aTenMegabyteBodyIsRefusedAsTooLarge() throws IOException {
        byte[] head = ("POST /spotsim/v1/instances/i-0/interrupt HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 10485760\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + 10 * 1024 * 1024];
        System.arraycopy(head, 0, request, 0, head.length);
        jsonError(RawExchange.send(port, request, Duration.ofSeconds(20)), 413);
        jsonError(send("POST /spotsim/v1/instances/i-0/interrupt HTTP/1.1\r\nHost: x\r\nContent-Length: 10485760\r\n"
                + "Expect: 100-continue\r\n\r\n"), 413);
    }

    @Test
    void unknownMethodsNulsAndDotSegmentsAreClientErrors() throws IOException {
        jsonError(send("BREW /spotsim/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 405);
        jsonError(send("GET /spotsim/v1/health%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400);
        jsonError(send("GET /spotsim/v1/instances/../health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400);
        jsonError(send("GET /spotsim/v1/%2E%2e/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400);
        jsonError(send("GET /spotsim/v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: -4\r\nConnection: close\r\n\r\n"), 400);
    }

    @Test
    void deeplyNestedJsonIsABadRequest() throws IOException {
        String body = "{\"notice\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        jsonError(send("POST /spotsim/v1/instances/" + sim.firstInstanceId() + "/interrupt HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body), 400);
    }
}
