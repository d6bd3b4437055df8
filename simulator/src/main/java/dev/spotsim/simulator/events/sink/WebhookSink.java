package dev.spotsim.simulator.events.sink;

import dev.spotsim.simulator.events.Event;
import dev.spotsim.simulator.events.EventSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP POST of each matching event, in order, at least once: an event stays at the head of the
 * queue until the target answers 2xx, retried with exponential backoff (same event, same id).
 * The queue lives in memory; the journal is the durable copy. Works with a Lambda function URL or
 * the Lambda runtime interface emulator's invocation path.
 */
public final class WebhookSink implements EventSink {
    private final String name;
    private final URI url;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final LinkedBlockingDeque<Event> queue = new LinkedBlockingDeque<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private volatile String lastError;
    private volatile boolean closed;
    private final Thread worker;

    public WebhookSink(String name, URI url, Duration firstBackoff, Duration maxBackoff) {
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("url: expected an http(s) URL, got \"" + url + "\"");
        }
        this.name = name;
        this.url = url;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.worker = new Thread(this::run, "spotsim-webhook-" + name);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(Event event) {
        queue.addLast(event);
    }

    private void run() {
        Duration backoff = firstBackoff;
        while (!closed) {
            Event next;
            try {
                next = queue.pollFirst(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (next == null) {
                continue;
            }
            if (post(next)) {
                delivered.incrementAndGet();
                backoff = firstBackoff;
            } else {
                queue.addFirst(next);
                if (!sleep(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    private boolean post(Event event) {
        attempts.incrementAndGet();
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event.toJsonLine())).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                return true;
            }
            lastError = "HTTP " + status;
        } catch (java.io.IOException e) {
            lastError = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
        return false;
    }

    private boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    @Override
    public Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "webhook");
        m.put("url", url.toString());
        m.put("delivered", delivered.get());
        m.put("attempts", attempts.get());
        m.put("pending", queue.size());
        m.put("lastError", lastError);
        return m;
    }

    /** Events still waiting for the target. */
    public int pending() {
        return queue.size();
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
    }
}
