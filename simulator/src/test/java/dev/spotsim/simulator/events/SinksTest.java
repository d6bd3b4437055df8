package dev.spotsim.simulator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.spotsim.simulator.events.pattern.EventPattern;
import dev.spotsim.simulator.events.sink.CommandSink;
import dev.spotsim.simulator.events.sink.JsonlFileSink;
import dev.spotsim.simulator.events.sink.StdoutSink;
import dev.spotsim.simulator.events.sink.WebhookSink;
import dev.spotsim.simulator.instance.InstanceIdentity;
import dev.spotsim.simulator.instance.InterruptionAction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Journal first, then delivery; each sink honours its pattern; a webhook that is down loses nothing. */
class SinksTest {
    private static final InstanceIdentity ID = InstanceIdentity.generated(3, "c5.large", "us-east-1a", "spot");
    private final List<AutoCloseable> open = new ArrayList<>();
    private HttpServer receiver;

    @AfterEach
    void closeAll() throws Exception {
        if (receiver != null) {
            receiver.stop(0);
        }
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private Event warning(int i) {
        return Ec2Events.spotInterruptionWarning(ID, InterruptionAction.TERMINATE, Instant.parse("2026-01-01T12:00:00Z").plusSeconds(i));
    }

    private HttpServer receiver(int port, List<String> ids, AtomicInteger failFirst) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        s.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = failFirst.getAndDecrement() > 0 ? 500 : 200;
            if (status == 200) {
                ids.add(new ObjectMapper().readTree(body).get("id").asText());
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        s.start();
        return s;
    }

    @Test
    void aWebhookThatIsDownReceivesEveryEventOnceItIsBackInOrder(@TempDir Path dir) throws Exception {
        int port;
        try (var probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        EventBus bus = new EventBus(new EventJournal(dir.resolve("events.jsonl")));
        open.add(bus);
        WebhookSink hook = new WebhookSink("hook", URI.create("http://127.0.0.1:" + port + "/hook"), Duration.ofMillis(50), Duration.ofMillis(400));
        bus.subscribe(hook, null);
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Event e = warning(i);
            published.add(e.id());
            bus.publish(e);
        }
        assertThat(Files.readAllLines(dir.resolve("events.jsonl"))).as("journal written before delivery").hasSize(5);
        await().atMost(Duration.ofSeconds(10)).until(() -> (long) hook.stats().get("attempts") >= 3);
        assertThat(hook.pending()).isEqualTo(5);

        List<String> received = Collections.synchronizedList(new ArrayList<>());
        receiver = receiver(port, received, new AtomicInteger(2));
        await().atMost(Duration.ofSeconds(15)).until(() -> received.size() >= 5);
        assertThat(received).containsExactlyElementsOf(published);
        assertThat(hook.stats()).containsEntry("delivered", 5L).containsEntry("pending", 0);
    }

    @Test
    void fileAndStdoutSinksGetOnlyWhatTheirPatternMatches(@TempDir Path dir) throws Exception {
        EventBus bus = new EventBus(null);
        open.add(bus);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bus.subscribe(new JsonlFileSink("file", dir.resolve("warnings.jsonl")),
                EventPattern.parse("{\"detail-type\": [\"EC2 Spot Instance Interruption Warning\"]}"));
        bus.subscribe(new StdoutSink("stdout", new PrintStream(bytes, true, StandardCharsets.UTF_8)),
                EventPattern.parse("{\"detail\": {\"state\": [\"terminated\"]}}"));
        bus.publish(warning(0));
        bus.publish(Ec2Events.stateChange(ID, "shutting-down", Instant.now()));
        bus.publish(Ec2Events.stateChange(ID, "terminated", Instant.now()));
        assertThat(Files.readAllLines(dir.resolve("warnings.jsonl"))).hasSize(1).allMatch(l -> l.contains("Interruption Warning"));
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(1).allMatch(l -> l.contains("\"terminated\""));
        assertThat(bus.recent()).hasSize(3);
    }

    @Test
    void aCommandGetsTheEventOnStdinAndTheInstanceEnvironment(@TempDir Path dir) {
        Path out = dir.resolve("got.json");
        CommandSink sink = new CommandSink("checkpoint", "cat > '" + out + "'; echo \"$SPOTSIM_INSTANCE_ID\" > '" + out + ".env'",
                Duration.ofSeconds(10), e -> Map.of("SPOTSIM_INSTANCE_ID", ID.instanceId()));
        open.add(sink);
        Event e = warning(0);
        sink.deliver(e);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.results().size() == 1);
        assertThat(sink.results().get(0).exitCode()).isZero();
        assertThat(out).content().contains("\"id\":\"" + e.id() + "\"");
        assertThat(Path.of(out + ".env")).content().isEqualToIgnoringNewLines(ID.instanceId());
    }

    @Test
    void aHungCommandIsKilledAtItsTimeout(@TempDir Path dir) {
        CommandSink sink = new CommandSink("slow", "sleep 30 & echo $! > '" + dir.resolve("pid") + "'; wait", Duration.ofMillis(500), e -> Map.of());
        open.add(sink);
        sink.deliver(warning(0));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.results().size() == 1);
        assertThat(sink.results().get(0).timedOut()).isTrue();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            long pid = Long.parseLong(Files.readString(dir.resolve("pid")).trim());
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("the child sleep").isFalse();
        });
    }
}
