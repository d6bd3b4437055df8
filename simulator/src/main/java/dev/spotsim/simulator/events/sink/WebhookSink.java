package dev.spotsim.simulator.events.sink;

import dev.spotsim.simulator.events.Event;
import dev.spotsim.simulator.events.EventSink;
import dev.spotsim.simulator.events.pattern.EventPattern;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP POST of each matching event as JSON, at least once: an event is sent again (same body, same
 * id) after a backoff on any answer but a 2xx or on a connection error. Up to {@link #MAX_IN_FLIGHT}
 * POSTs are in flight at once, so a burst is not one round trip per event; events about the same
 * resource (the event's first {@code resources} entry) go one at a time, in publishing order, and
 * across resources there is no order (EventBridge promises none either). After a failure the sink
 * probes with one event at a time until the target answers 2xx again, then sends at full width.
 * Works with a Lambda function URL or the Lambda runtime interface emulator's invocation path. The
 * queue is in memory and unbounded, so a target that stays down costs memory, never events; the
 * journal is the durable copy if the simulator itself stops.
 */
public final class WebhookSink implements EventSink {
    /** How many POSTs may be in flight at once (and connections open to the target). */
    public static final int MAX_IN_FLIGHT = 32;
    /** How long one attempt may take (connect, then silence) before it counts as failed. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
    private final String name;
    private final URI url;
    private final EventPattern pattern;
    private final Backoff backoff;
    private final Vertx vertx;
    private final HttpClient http;
    /** Every attempt's options, the URL parsed once; each request gets a copy. */
    private final RequestOptions request;
    /** Every field below the counters is touched only on this context, one step at a time. */
    private final Context context;
    /**
     * Events handed over by the publisher and not yet in a lane. A burst is moved over in one task on
     * the context ({@link #draining}), not one task and one event-loop wake-up per event.
     */
    private final Queue<Outgoing> inbox = new ConcurrentLinkedQueue<>();
    /** True from scheduling a drain of the inbox until that drain starts. */
    private final AtomicBoolean draining = new AtomicBoolean();
    /** Undelivered events by resource, each lane in publishing order; a lane's head may be in flight. */
    private final Map<String, ArrayDeque<Outgoing>> lanes = new HashMap<>();
    /** Lanes whose head is waiting to be sent, oldest first. */
    private final ArrayDeque<String> ready = new ArrayDeque<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile String lastError;
    private int inFlight;
    /** False after a failed attempt: one probe at a time until one succeeds. */
    private boolean healthy = true;
    private long retryTimer = -1;
    private Duration wait;
    private boolean closed;

    /** @param pattern which events to send (null: all) */
    public WebhookSink(Vertx vertx, String name, URI url, EventPattern pattern, Backoff backoff) {
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("url: expected an http(s) URL, got \"" + url + "\"");
        }
        this.vertx = vertx;
        this.name = name;
        this.url = url;
        this.pattern = pattern == null ? EventPattern.any() : pattern;
        this.backoff = backoff;
        this.wait = backoff.first();
        this.request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url.toString())
                .putHeader("Content-Type", "application/json").setIdleTimeout(IDLE_TIMEOUT.toMillis());
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) CONNECT_TIMEOUT.toMillis()).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(MAX_IN_FLIGHT));
        this.context = vertx.getOrCreateContext();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public EventPattern pattern() {
        return pattern;
    }

    /** An event and its POST body, encoded once for every attempt. */
    private record Outgoing(Event event, byte[] body) {
        String lane() {
            return event.resources().isEmpty() ? "" : event.resources().get(0);
        }
    }

    @Override
    public void deliver(Event event) {
        deliver(event, event.toJsonLine());
    }

    @Override
    public void deliver(Event event, String jsonLine) {
        pending.incrementAndGet();
        inbox.add(new Outgoing(event, jsonLine.getBytes(StandardCharsets.UTF_8)));
        if (draining.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    /** Moves everything in the inbox to its lane, in publishing order, then sends what there is room for. */
    private void drain() {
        // Cleared first: an event added from here on is either taken below or schedules the next drain.
        draining.set(false);
        for (Outgoing next = inbox.poll(); next != null; next = inbox.poll()) {
            ArrayDeque<Outgoing> queue = lanes.computeIfAbsent(next.lane(), k -> new ArrayDeque<>());
            queue.addLast(next);
            if (queue.size() == 1) {
                ready.addLast(next.lane());
            }
        }
        sendMore();
    }

    /** Sends ready lane heads while there is room: all of it when the target is healthy, one probe when not. */
    private void sendMore() {
        int width = healthy ? MAX_IN_FLIGHT : 1;
        while (!closed && retryTimer < 0 && inFlight < width && !ready.isEmpty()) {
            send(ready.pollFirst());
        }
    }

    private void send(String lane) {
        Outgoing head = lanes.get(lane).peekFirst();
        inFlight++;
        post(head).onComplete(result -> {
            inFlight--;
            if (closed) {
                return;
            }
            if (result.succeeded() && result.result() / 100 == 2) {
                delivered(lane);
            } else {
                lastError = result.succeeded() ? "HTTP " + result.result() : describe(result.cause());
                ready.addFirst(lane);
                healthy = false;
                retryLater();
            }
            sendMore();
        });
    }

    private void delivered(String lane) {
        ArrayDeque<Outgoing> queue = lanes.get(lane);
        queue.pollFirst();
        if (queue.isEmpty()) {
            lanes.remove(lane);
        } else {
            ready.addLast(lane);
        }
        pending.decrementAndGet();
        delivered.incrementAndGet();
        healthy = true;
        wait = backoff.first();
    }

    private void retryLater() {
        if (closed || retryTimer >= 0) {
            return;
        }
        retryTimer = vertx.setTimer(wait.toMillis(), id -> {
            retryTimer = -1;
            sendMore();
        });
        wait = backoff.after(wait);
    }

    /** One attempt; the answer's status, its body read and dropped so the connection can be reused. */
    private Future<Integer> post(Outgoing event) {
        attempts.incrementAndGet();
        return http.request(new RequestOptions(request))
                .compose(req -> req.send(Buffer.buffer(event.body())))
                .compose(resp -> resp.body().map(body -> resp.statusCode()));
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** Events accepted and not yet answered 2xx. */
    public int pending() {
        return pending.get();
    }

    @Override
    public Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "webhook");
        m.put("url", url.toString());
        m.put("delivered", delivered.get());
        m.put("attempts", attempts.get());
        m.put("pending", pending.get());
        m.put("lastError", lastError);
        return m;
    }

    /** Stops sending; what is still queued stays undelivered (the journal has it). */
    @Override
    public void close() {
        context.runOnContext(v -> {
            closed = true;
            if (retryTimer >= 0) {
                vertx.cancelTimer(retryTimer);
            }
            http.close();
        });
    }
}
