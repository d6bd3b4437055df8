// A web service that drains the way a Spot workload should: it watches IMDS for the interruption
// notice (IMDSv2), and on a notice or SIGTERM it fails its health check, keeps serving for a grace
// period so the load balancer takes it out, finishes in-flight requests, and exits.
// Run: PORT=8080 AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:1338 java DrainAwareService.java
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
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/health", ex -> reply(ex, draining.get() ? 503 : 200, draining.get() ? "draining\n" : "healthy\n"));
        server.createContext("/", ex -> {
            inFlight.incrementAndGet();
            try {
                Thread.sleep(workMillis);
                reply(ex, 200, "ok " + instance + "\n");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
        });
        server.start();
        log("serving on 127.0.0.1:" + port);
        // SIGTERM: drain, and only then let the JVM exit (it then exits with 143, as any JVM on SIGTERM).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drain(server, "SIGTERM", false)));
        String endpoint = System.getenv("AWS_EC2_METADATA_SERVICE_ENDPOINT");
        if (endpoint != null && !endpoint.isBlank()) {
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
        while (!draining.get()) {
            try {
                if (token == null) {
                    token = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/latest/api/token"))
                            .PUT(HttpRequest.BodyPublishers.noBody())
                            .header("X-aws-ec2-metadata-token-ttl-seconds", "21600").timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                }
                HttpResponse<String> action = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/latest/meta-data/spot/instance-action"))
                        .header("X-aws-ec2-metadata-token", token).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (action.statusCode() == 401) {
                    token = null;
                } else if (action.statusCode() == 200) {
                    log("interruption notice: " + action.body());
                    drain(server, "IMDS notice", true);
                    return;
                }
            } catch (IOException e) {
                log("IMDS not reachable (" + e.getClass().getSimpleName() + "); retrying");
            } catch (InterruptedException e) {
                return;
            }
            sleep(pollMillis);
        }
    }

    static synchronized void drain(HttpServer server, String why, boolean exitAfter) {
        if (!draining.compareAndSet(false, true)) {
            awaitDrained();
            return;
        }
        log("draining (" + why + "): health check now fails");
        sleep(env("DRAIN_GRACE_MS", 2000));
        long timeoutMillis = env("DRAIN_TIMEOUT_MS", 10000);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (inFlight.get() > 0 && System.currentTimeMillis() < deadline) {
            sleep(20);
        }
        server.stop(0);
        log("drained (" + inFlight.get() + " request(s) still in flight); exiting");
        drained.countDown();
        if (exitAfter) {
            System.exit(0);
        }
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
