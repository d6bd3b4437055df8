package dev.spotsim.simulator.imds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.spotsim.simulator.RawHttp;
import dev.spotsim.simulator.SpotSim;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The metadata server under hostile or odd clients: it binds only its host, answers at once, and lets slow connections go. */
class ImdsSturdinessTest {
    private SpotSim sim;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private int port() {
        return sim.imdsPort(sim.firstInstanceId());
    }

    @Test
    void itListensOnTheConfiguredHostNeverOnEveryAddress() throws IOException {
        Path tcp = Path.of("/proc/net/tcp");
        assumeThat(Files.isReadable(tcp)).as("needs Linux's /proc/net/tcp to see bound addresses").isTrue();
        sim = SpotSim.builder().host("127.0.0.1").start();
        String portHex = String.format(Locale.ROOT, ":%04X", port());
        List<String> listening = new ArrayList<>();
        for (Path table : List.of(tcp, Path.of("/proc/net/tcp6"))) {
            if (Files.isReadable(table)) {
                Files.readAllLines(table).stream().skip(1).map(String::trim).map(l -> l.split("\\s+"))
                        .filter(f -> f[1].endsWith(portHex) && f[3].equals("0A")).forEach(f -> listening.add(f[1]));
            }
        }
        // 127.0.0.1 itself, or as an IPv4-mapped address on a dual-stack socket; never 0.0.0.0 or ::.
        assertThat(listening).isNotEmpty().allMatch(address -> address.equals("0100007F" + portHex)
                || address.equals("0000000000000000FFFF00000100007F" + portHex));
    }

    @Test
    void anUpgradeToH2cIsAnsweredAsHttp11AndTheConnectionStaysUsable() throws IOException {
        sim = SpotSim.builder().start();
        Socket socket = open();
        write(socket, "GET /latest/meta-data/instance-id HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n");
        assertThat(readResponse(socket)).startsWith("HTTP/1.1 200").endsWith(sim.firstInstanceId());
        write(socket, "GET /latest/meta-data/instance-type HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertThat(readResponse(socket)).startsWith("HTTP/1.1 200").endsWith("c5.large");
    }

    @Test
    void oversizedAndMalformedRequestsAreAnsweredAtOnceWith4xx() throws IOException {
        sim = SpotSim.builder().start();
        assertThat(exchange("GET /latest/meta-data/instance-id HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(10_000) + "\r\n\r\n"))
                .startsWith("HTTP/1.1 431");
        assertThat(exchange("GET /latest/meta-data/" + "a".repeat(5_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")).matches("(?s)HTTP/1\\.[01] 414.*");
        assertThat(exchange("NOT A REQUEST LINE AT ALL\r\n\r\n")).matches("(?s)HTTP/1\\.[01] 400.*");
        assertThat(new RawHttp(sim.imdsEndpoint()).get("/latest/meta-data/instance-id").statusCode()).isEqualTo(200);
    }

    @Test
    void fiveHundredSlowClientsDoNotStopItAnsweringAndAreLetGoAtTheDeadline() throws IOException {
        sim = SpotSim.builder().imdsRequestDeadline(Duration.ofSeconds(2)).start();
        warmUp();
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Socket s = open();
            write(s, "GET /latest/meta-data/instance-id HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
            slow.add(s);
        }
        RawHttp imds = new RawHttp(sim.imdsEndpoint());
        for (int i = 0; i < 20; i++) {
            assertThat(imds.get("/latest/meta-data/instance-id").statusCode()).isEqualTo(200);
        }
        write(slow.get(0), "a");
        await().atMost(Duration.ofSeconds(20)).until(() -> slow.stream().allMatch(ImdsSturdinessTest::closedByServer));
        assertThat(imds.get("/latest/meta-data/instance-id").statusCode()).isEqualTo(200);
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheDeadlineButNotBeforeItsAnswer() throws IOException {
        sim = SpotSim.builder().imdsRequestDeadline(Duration.ofSeconds(2)).start();
        warmUp();
        Socket socket = open();
        write(socket, "GET /latest/meta-data/instance-id HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertThat(readResponse(socket)).startsWith("HTTP/1.1 200");
        await().atMost(Duration.ofSeconds(10)).until(() -> closedByServer(socket));
    }

    /** The first answer of a fresh JVM can take seconds on a busy machine (class loading): not what these tests time. */
    private void warmUp() {
        assertThat(new RawHttp(sim.imdsEndpoint()).get("/latest/meta-data/instance-id").statusCode()).isEqualTo(200);
    }

    private Socket open() throws IOException {
        Socket s = new Socket("127.0.0.1", port());
        s.setSoTimeout(20_000);
        sockets.add(s);
        return s;
    }

    private static void write(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Sends one request on a fresh connection and reads one response. */
    private String exchange(String request) throws IOException {
        Socket s = open();
        write(s, request);
        return readResponse(s);
    }

    /** One response: the head, then Content-Length bytes of body. */
    private static String readResponse(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString();
            }
            head.append((char) b);
        }
        int length = head.toString().lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .map(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElse(0);
        byte[] body = in.readNBytes(length);
        return head + new String(body, StandardCharsets.UTF_8);
    }

    private static boolean closedByServer(Socket s) {
        try {
            s.setSoTimeout(50);
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
