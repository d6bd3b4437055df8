package dev.spotsim.simulator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.simulator.events.sink.Backoff;
import dev.spotsim.simulator.events.sink.WebhookSink;
import dev.spotsim.simulator.instance.InstanceIdentity;
import dev.spotsim.simulator.instance.InterruptionAction;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** At-least-once delivery to a webhook: journal first, retries with the same id, nothing lost while the target is down. */
class WebhookDeliveryTest {
    private static final InstanceIdentity ID = InstanceIdentity.generated(3, "c5.large", "us-east-1a", "spot");
    private static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200));
    private final Vertx vertx = Vertx.vertx();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        vertx.close().await();
    }

    private <T extends AutoCloseable> T open(T c) {
        open.add(c);
        return c;
    }

    /** The i-th warning; its time tells the events apart whatever their ids. */
    private static Event warning(int i) {
        return Ec2Events.spotInterruptionWarning(ID, InterruptionAction.TERMINATE, Instant.parse("2026-01-01T12:00:00Z").plusSeconds(i));
    }

    private WebhookSink webhook(String url) {
        return new WebhookSink(vertx, "hook", URI.create(url), null, FAST);
    }

    /** A target that takes its time over each POST, on many threads, counting how many it holds at once. */
    private static final class SlowReceiver implements AutoCloseable {
        private final com.sun.net.httpserver.HttpServer server;
        private final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(64);
        private final List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger now = new AtomicInteger();
        private final AtomicInteger most = new AtomicInteger();

        SlowReceiver(Duration each) throws java.io.IOException {
            server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 128);
            server.setExecutor(threads);
            server.createContext("/hook", exchange -> {
                most.accumulateAndGet(now.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(each.toMillis());
                    ids.add(new ObjectMapper().readTree(exchange.getRequestBody().readAllBytes()).get("id").asText());
                    exchange.sendResponseHeaders(200, -1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    now.decrementAndGet();
                    exchange.close();
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        List<String> ids() {
            synchronized (ids) {
                return List.copyOf(ids);
            }
        }

        int mostAtOnce() {
            return most.get();
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    @Test
    void aTargetThatIsDownGetsEveryEventOnceItIsBackInOrder(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("events.jsonl");
        Receiver receiver = open(new Receiver(0));
        int port = receiver.port();
        WebhookSink hook = webhook(receiver.url());
        EventBus bus = open(new EventBus(vertx, new EventJournal(journal), List.of(hook)));
        List<Event> published = new ArrayList<>(List.of(warning(0)));
        bus.publish(published.get(0));
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.delivered().size() == 1);
        receiver.close();

        for (int i = 1; i <= 5; i++) {
            published.add(warning(i));
            bus.publish(published.get(i));
        }
        assertThat(Files.readAllLines(journal)).as("journaled before any delivery").hasSize(6)
                .allSatisfy(line -> assertThat(line).startsWith("{\"version\":\"0\","));
        long attemptsWhileDown = (long) hook.stats().get("attempts");
        await().atMost(Duration.ofSeconds(10)).until(() -> (long) hook.stats().get("attempts") >= attemptsWhileDown + 3);
        assertThat(hook.pending()).isEqualTo(5);
        assertThat(hook.stats().get("lastError")).asString().isNotBlank();

        Receiver back = open(new Receiver(port));
        await().atMost(Duration.ofSeconds(10)).until(() -> hook.pending() == 0);
        List<Receiver.Request> all = new ArrayList<>(receiver.requests());
        all.addAll(back.requests());
        assertThat(distinctInOrder(all)).as("every event, in order").containsExactlyElementsOf(published.stream().map(Event::id).toList());
        assertThat(idsPerEvent(all)).as("one id per event, even when sent twice").allSatisfy((time, ids) -> assertThat(ids).hasSize(1));
        assertThat(hook.stats()).containsEntry("delivered", 6L).containsEntry("pending", 0);
    }

    @Test
    void aFailedPostIsRetriedWithTheSameEventUntilItIsAnswered2xx() throws Exception {
        Receiver receiver = open(new Receiver(0, 500, 503));
        WebhookSink hook = open(webhook(receiver.url()));
        Event e = warning(0);
        hook.deliver(e);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.delivered().size() == 1);
        assertThat(receiver.requests()).extracting(Receiver.Request::answeredWith).containsExactly(500, 503, 200);
        assertThat(receiver.requests()).allSatisfy(r -> {
            assertThat(r.eventId()).isEqualTo(e.id());
            assertThat(r.body()).isEqualTo(e.toJsonLine());
            assertThat(r.contentType()).isEqualTo("application/json");
        });
        assertThat(hook.stats()).containsEntry("attempts", 3L).containsEntry("delivered", 1L).containsEntry("lastError", "HTTP 503");
    }

    @Test
    void eventsQueuedBehindARetryKeepTheirOrder() throws Exception {
        Receiver receiver = open(new Receiver(0, 500, 500, 500));
        WebhookSink hook = open(webhook(receiver.url()));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Event e = warning(i);
            ids.add(e.id());
            hook.deliver(e);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.delivered().size() == 20);
        assertThat(receiver.delivered()).containsExactlyElementsOf(ids);
    }

    /** The i-th warning of instance {@code n}: a resource of its own. */
    private static Event warningOf(int n) {
        return Ec2Events.spotInterruptionWarning(InstanceIdentity.generated(100 + n, "c5.large", "us-east-1a", "spot"),
                InterruptionAction.TERMINATE, Instant.parse("2026-01-01T12:00:00Z"));
    }

    @Test
    void eventsAboutDifferentInstancesAreSentConcurrently() throws Exception {
        SlowReceiver receiver = open(new SlowReceiver(Duration.ofMillis(200)));
        WebhookSink hook = open(webhook(receiver.url()));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Event e = warningOf(i);
            ids.add(e.id());
            hook.deliver(e);
        }
        // One at a time this takes 8 s; the bound leaves room for a slow machine (4 s failed once at load 22 on 2 cores), not for serial delivery.
        await().atMost(Duration.ofSeconds(6)).until(() -> hook.pending() == 0);
        assertThat(receiver.ids()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(receiver.mostAtOnce()).isGreaterThan(1).isLessThanOrEqualTo(WebhookSink.MAX_IN_FLIGHT);
    }

    @Test
    void aFailingTargetIsProbedWithOneEventAtATimeAndLosesNothing() throws Exception {
        Receiver receiver = open(new Receiver(0, 500, 500, 500, 500));
        WebhookSink hook = open(webhook(receiver.url()));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Event e = warningOf(i);
            ids.add(e.id());
            hook.deliver(e);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> hook.pending() == 0);
        assertThat(receiver.delivered()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(hook.stats()).containsEntry("delivered", 30L);
        // Up to a window's worth may be under way when the first 500 arrives; after it, one probe at a time.
        assertThat((long) hook.stats().get("attempts")).isLessThanOrEqualTo(30 + 4);
    }

    private static List<String> distinctInOrder(List<Receiver.Request> requests) {
        return new ArrayList<>(requests.stream().filter(r -> r.answeredWith() / 100 == 2).map(Receiver.Request::eventId)
                .collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    /** Event time (which tells the events apart) -> every id it arrived with. */
    private static Map<String, Set<String>> idsPerEvent(List<Receiver.Request> requests) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, Set<String>> out = new TreeMap<>();
        for (Receiver.Request r : requests) {
            out.computeIfAbsent(json.readTree(r.body()).get("time").asText(), t -> new LinkedHashSet<>()).add(r.eventId());
        }
        return out;
    }
}
