// A web service that drains the way a Spot workload should: it watches IMDS for the interruption
// notice (IMDSv2), and on a notice or SIGTERM it fails its health check, keeps serving for a grace
// period so the load balancer takes it out, finishes in-flight requests, and exits.
// Run: PORT=8080 AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:1338/ java DrainAwareService.java
// Knobs: POLL_MS (IMDS poll, 1000), DRAIN_GRACE_MS (2000), DRAIN_TIMEOUT_MS (10000), WORK_MS (20),
// WATCH_IMDS=false (rely on the platform's SIGTERM only, as a pod behind the termination handler would).
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

public class DrainAwareService {
    static final AtomicBoolean draining = new AtomicBoolean();
    static final AtomicInteger inFlight = new AtomicInteger();
    static final CountDownLatch drained = new CountDownLatch(1);

    static void log(String message) {
        System.out.println(Instant.now() + " DrainAwareService " + message);
        System.out.flush();
    }

    static long env(String name, long fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Long.parseLong(v.trim());
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        long workMillis = env("WORK_MS", 20);
        String instance = System.getenv().getOrDefault("SPOTSIM_INSTANCE_ID", "unknown");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        // Count exchanges where they are handed to the pool, so queued ones count as in flight too.
        ExecutorService pool = Executors.newFixedThreadPool(16);
        server.setExecutor(exchange -> {
            inFlight.incrementAndGet();
            pool.execute(() -> {
                try {
                    exchange.run();
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        });
        server.createContext("/health", ex -> reply(ex, draining.get() ? 503 : 200, draining.get() ? "draining\n" : "healthy\n"));
        server.createContext("/", ex -> {
            sleep(workMillis);
            reply(ex, 200, "ok " + instance + "\n");
        });
        server.start();
        log("serving on 127.0.0.1:" + port);
        // SIGTERM: drain, and only then let the JVM exit. It still exits with 143 (128 + SIGTERM), as any
        // JVM killed by a signal does; only the IMDS path below exits with 0.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drain(server, "SIGTERM")));
        String endpoint = System.getenv("AWS_EC2_METADATA_SERVICE_ENDPOINT");
        if ("false".equalsIgnoreCase(System.getenv("WATCH_IMDS"))) {
            log("WATCH_IMDS=false: relying on the platform's SIGTERM");
        } else if (endpoint != null && !endpoint.isBlank()) {
            Thread watcher = new Thread(() -> watchImds(endpoint, server), "imds-watcher");
            watcher.setDaemon(true);
            watcher.start();
        } else {
            log("no AWS_EC2_METADATA_SERVICE_ENDPOINT: not watching IMDS");
        }
        drained.await();
    }

    /** Polls spot/instance-action with an IMDSv2 token; 404 means no notice yet. */
    static void watchImds(String endpoint, HttpServer server) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long pollMillis = env("POLL_MS", 1000);
        String token = null;
        boolean watching = false;
        while (!draining.get()) {
            try {
                if (token == null) {
                    HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/latest/api/token"))
                            .PUT(HttpRequest.BodyPublishers.noBody())
                            .header("X-aws-ec2-metadata-token-ttl-seconds", "21600").timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (put.statusCode() != 200) {
                        throw new IOException("token request answered " + put.statusCode());
                    }
                    token = put.body();
                }
                HttpResponse<String> action = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/latest/meta-data/spot/instance-action"))
                        .header("X-aws-ec2-metadata-token", token).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (action.statusCode() == 200) {
                    log("interruption notice: " + action.body());
                    // Not from inside drain(): System.exit runs the shutdown hook, which waits for the drain.
                    drain(server, "IMDS notice");
                    System.exit(0);
                } else if (action.statusCode() == 401) {
                    log("IMDS token rejected; fetching a new one");
                    token = null;
                } else if (action.statusCode() == 404 && !watching) {
                    log("watching IMDS at " + endpoint + " (no notice yet)");
                    watching = true;
                } else if (action.statusCode() != 404) {
                    log("IMDS answered " + action.statusCode() + "; retrying");
                }
            } catch (IOException e) {
                // Expected at the action time: the simulated instance's IMDS goes away with it.
                log("IMDS not reachable (" + e.getClass().getSimpleName() + "); retrying");
            } catch (InterruptedException e) {
                return;
            }
            sleep(pollMillis);
        }
    }

    /**
     * Drains once; a second caller (SIGTERM during an IMDS drain) waits for the first. Deliberately not
     * synchronized: the IMDS path calls System.exit afterwards, and the shutdown hook must get in here.
     */
    static void drain(HttpServer server, String why) {
        if (!draining.compareAndSet(false, true)) {
            awaitDrained();
            return;
        }
        log("draining (" + why + "): health check now fails, still serving for the grace period");
        sleep(env("DRAIN_GRACE_MS", 2000));
        // stop(delay) closes the listener at once and then waits up to delay seconds for in-flight
        // exchanges. JDK 17 waits the whole delay even when nothing is in flight (JDK-8304065), so
        // only ask for a delay when something is.
        int delaySeconds = inFlight.get() == 0 ? 0 : (int) Math.ceil(env("DRAIN_TIMEOUT_MS", 10000) / 1000.0);
        log("grace period over: no longer accepting, waiting up to " + delaySeconds + " s for " + inFlight.get() + " request(s)");
        server.stop(delaySeconds);
        log("stopped: in-flight requests finished or timed out; exiting");
        drained.countDown();
    }

    static void awaitDrained() {
        try {
            drained.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
