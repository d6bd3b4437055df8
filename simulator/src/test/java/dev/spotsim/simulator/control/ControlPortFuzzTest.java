package dev.spotsim.simulator.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.simulator.SpotSim;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random requests over raw sockets against the control port (the control API and the AWS APIs at
 * its root): every one is answered within a bound, with a 2xx or 4xx, and no stack trace. The seed
 * is fixed so CI runs the same requests each time; change it locally to explore.
 */
class ControlPortFuzzTest {
    private static final Duration BOUND = Duration.ofSeconds(10);
    /** What a stack trace or an exception's class name looks like in a body. */
    private static final Pattern TRACE = Pattern.compile("\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)|\\b(java|javax|io|com|org|dev|sun|jdk)\\.[\\w$.]+(Exception|Error)\\b");
    private static SpotSim sim;

    @BeforeContainer
    static void start() {
        sim = SpotSim.builder().instances(2).start();
    }

    @AfterContainer
    static void stop() {
        sim.close();
    }

    @Property(tries = 400, seed = "20261129", shrinking = ShrinkingMode.OFF)
    void everyRequestIsAnsweredPromptlyWithASuccessOrAClientError(@ForAll("requests") FuzzRequest request) throws IOException {
        RawExchange answer = RawExchange.send(sim.controlPort(), request.bytes(), BOUND);
        assertThat(answer.answered()).as("an answer to %s", request).isTrue();
        assertThat(answer.status() / 100).as("status of %s: %s", request, answer.body()).isIn(2, 4);
        assertThat(answer.body()).as("body of %s", request).doesNotContainPattern(TRACE);
    }

    /** One generated request: its parts, for the failure message, and its bytes. */
    record FuzzRequest(String method, String target, List<String> headers, byte[] body, boolean chunked) {
        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            headers.forEach(h -> head.append(h).append("\r\n"));
            if (chunked) {
                head.append("Transfer-Encoding: chunked\r\n");
            } else if (body.length > 0) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            if (chunked) {
                out.writeBytes((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(body);
                out.writeBytes(body.length == 0 ? "\r\n".getBytes(StandardCharsets.US_ASCII) : "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                out.writeBytes(body);
            }
            return out.toByteArray();
        }

        @Override
        public String toString() {
            String t = target.length() > 120 ? target.substring(0, 120) + "...(" + target.length() + ")" : target;
            return method + " " + t + " " + headers.stream().map(h -> h.length() > 80 ? h.substring(0, 80) + "..." : h).toList()
                    + " body " + body.length + " bytes" + (chunked ? " chunked" : "");
        }
    }

    @Provide
    Arbitrary<FuzzRequest> requests() {
        return Combinators.combine(methods(), targets(), headers(), bodies(), Arbitraries.of(false, false, false, true))
                .as(FuzzRequest::new);
    }

    private static Arbitrary<String> methods() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of("GET", "POST", "PUT", "DELETE")),
                net.jqwik.api.Tuple.of(2, Arbitraries.of("PATCH", "HEAD", "OPTIONS", "TRACE", "get", "M-SEARCH", "PROPFIND")),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(20)));
    }

    private static Arbitrary<String> targets() {
        Arbitrary<String> prefix = Arbitraries.of("/spotsim/v1/", "/spotsim/v1/instances/", "/spotsim/v1/fleet/", "/spotsim/v1/events", "/",
                "/2015-03-31/functions/", "/latest/meta-data/", "/spotsim/v1");
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of("..", "%2e%2e", ".", "%00", "%zz", "%", "%2", "health", "instances", "i-0000000000000000a", "interrupt",
                        "faults", "metadata-options", "events", "stream", "sinks", "groups", "%C3%A9", "%FF%FE", "é", "a;b", "*", "~", "%2F"),
                Arbitraries.strings().alpha().numeric().ofMaxLength(12),
                Arbitraries.integers().between(100, 12_000).map("a"::repeat));
        Arbitrary<String> path = Combinators.combine(prefix, segment.list().ofMaxSize(4)).as((p, s) -> p + String.join("/", s));
        Arbitrary<String> query = Arbitraries.of("", "", "", "?a=%zz", "?Action=DescribeInstances&Version=2016-11-15", "?limit=-1",
                "?pattern=%7B", "?x=" + "y".repeat(5000), "?Action=SendMessage&MessageBody=a%0Ab", "?%");
        return Combinators.combine(path, query).as(String::concat);
    }

    private static Arbitrary<List<String>> headers() {
        Arbitrary<String> header = Arbitraries.of(
                "Content-Type: application/x-www-form-urlencoded",
                "Content-Type: application/json",
                "Content-Type: application/x-amz-json-1.1",
                "Content-Type: application/x-amz-json-1.0",
                "Content-Type: multipart/form-data; boundary=xyz",
                "Content-Type: text/plain; charset=utf-9",
                "X-Amz-Target: AmazonSSM.SendCommand",
                "X-Amz-Target: AmazonSQS.SendMessage",
                "X-Amz-Target: nothing",
                "X-Amz-Target: ",
                "Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261129/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0",
                "Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261129/us-east-1/nope/aws4_request",
                "Authorization: garbage",
                "Upgrade: h2c",
                "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA",
                "Expect: 100-continue",
                "Expect: nonsense",
                "Accept: text/event-stream",
                "Accept-Encoding: gzip, deflate, br",
                "Content-Encoding: gzip",
                "Range: bytes=0-1",
                "X-Forwarded-For: 10.0.0.1",
                "Cookie: a=b",
                "X-Long: " + "z".repeat(20_000),
                "X-Many: " + "q,".repeat(2000));
        return header.list().ofMaxSize(4);
    }

    private static Arbitrary<byte[]> bodies() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just("")),
                net.jqwik.api.Tuple.of(4, Arbitraries.of("{}", "{", "[]", "null", "{\"notice\":\"PT-5S\"}", "{\"action\":\"explode\"}",
                        "{\"delay\":\"1e400s\"}", "{\"errorRate\":1e999}", "Action=DescribeInstances&Version=2016-11-15", "Action=%zz&a=%",
                        "a=" + "%".repeat(10), "{\"a\":\"\\ud800\"}", "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--xyz--")),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1, 3000).map(n -> "[".repeat(n) + "]".repeat(n))),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1, 200_000).map(n -> "Action=Describe&x=" + "v".repeat(n))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(70_000, 5_000_000, 10 * 1024 * 1024).map("b"::repeat)))
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
    }
}
