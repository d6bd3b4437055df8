// A batch worker that survives Spot: it checkpoints after every item and resumes from the
// checkpoint, checkpoints on SIGTERM, and (with EXIT_ON_NOTICE=true) stops cleanly on a notice.
// The checkpoint must be written where a retried attempt finds it (for a container: a writable
// mount, not the container's own files, which go with it); the job removes it once it is done.
// Run: ITEMS=20 ITEM_MS=500 CHECKPOINT_FILE=/tmp/batch.checkpoint java BatchWorker.java
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

public class BatchWorker {
    static final AtomicInteger next = new AtomicInteger();
    static final AtomicBoolean noticed = new AtomicBoolean();
    static final AtomicBoolean exiting = new AtomicBoolean(); // set before our own System.exit calls
    static Path checkpoint;

    static void log(String message) {
        System.out.println(Instant.now() + " BatchWorker " + message);
        System.out.flush();
    }

    public static void main(String[] args) throws Exception {
        int items = Integer.parseInt(System.getenv().getOrDefault("ITEMS", "20"));
        long itemMillis = Long.parseLong(System.getenv().getOrDefault("ITEM_MS", "500"));
        boolean exitOnNotice = Boolean.parseBoolean(System.getenv().getOrDefault("EXIT_ON_NOTICE", "false"));
        checkpoint = Path.of(System.getenv().getOrDefault("CHECKPOINT_FILE", "batch.checkpoint"));
        if (Files.exists(checkpoint)) {
            next.set(Integer.parseInt(Files.readString(checkpoint).trim()));
            log("resuming at item " + next.get() + " of " + items + " from " + checkpoint);
        } else {
            log("starting at item 0 of " + items + " (no checkpoint at " + checkpoint + ")");
        }
        // Say at once when progress cannot be kept (a read-only mount, a missing directory): a retry would start over.
        if (!save()) {
            log("WARNING: cannot write the checkpoint " + checkpoint.toAbsolutePath() + ": a retried attempt will start over;"
                    + " point CHECKPOINT_FILE at a writable location that outlives this process (a container: a mount with readOnly: false)");
        }
        String port = System.getenv("PORT");
        if (port != null && !port.isBlank()) {
            HttpServer health = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)), 16);
            health.createContext("/", ex -> {
                ex.sendResponseHeaders(200, -1);
                ex.close();
            });
            health.start();
            log("health on 127.0.0.1:" + port);
        }
        // SIGTERM (the JVM then exits with 143): save where we are, so a restart resumes rather than redoes.
        // The item in progress is not counted, so it is redone; items should be idempotent.
        // The hook and the loop take turns on the checkpoint: once the hook saved, no later item is recorded,
        // so the log's "checkpoint at item N" is what the file holds.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (BatchWorker.class) {
                if (!exiting.get()) {
                    exiting.set(true);
                    save();
                    log("SIGTERM: checkpoint at item " + next.get());
                }
            }
        }));
        String endpoint = System.getenv("AWS_EC2_METADATA_SERVICE_ENDPOINT");
        if (endpoint != null && !endpoint.isBlank()) {
            Thread watcher = new Thread(() -> watch(endpoint), "imds-watcher");
            watcher.setDaemon(true);
            watcher.start();
        }
        while (next.get() < items) {
            if (noticed.get() && exitOnNotice) {
                save();
                log("notice: checkpoint at item " + next.get() + ", exiting before the instance goes");
                exiting.set(true);
                System.exit(0);
            }
            Thread.sleep(itemMillis);
            synchronized (BatchWorker.class) {
                if (exiting.get()) {
                    return;
                }
                next.incrementAndGet();
                save();
                log("item " + next.get() + " of " + items + " done");
            }
        }
        synchronized (BatchWorker.class) {
            exiting.set(true);
        }
        // The job is over: its checkpoint must not make the next job (or the next run) skip its work.
        Files.deleteIfExists(checkpoint);
        log("done; checkpoint " + checkpoint + " removed");
        System.exit(0); // the health server's threads would otherwise keep the JVM alive
    }

    /** Writes the checkpoint to a temporary file and moves it in place, so a kill never leaves half a number; false when it cannot. */
    static synchronized boolean save() {
        try {
            Path tmp = checkpoint.resolveSibling(checkpoint.getFileName() + ".tmp");
            Files.writeString(tmp, Integer.toString(next.get()));
            Files.move(tmp, checkpoint, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (Exception e) {
            log("cannot checkpoint: " + e);
            return false;
        }
    }

    /** Polls spot/instance-action with an IMDSv2 token, as DrainAwareService does; 404 means no notice yet. */
    static void watch(String endpoint) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        String token = null;
        while (!noticed.get()) {
            try {
                if (token == null) {
                    HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/latest/api/token"))
                            .PUT(HttpRequest.BodyPublishers.noBody()).header("X-aws-ec2-metadata-token-ttl-seconds", "21600")
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    if (put.statusCode() != 200) {
                        throw new IOException("token request answered " + put.statusCode());
                    }
                    token = put.body();
                }
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/latest/meta-data/spot/instance-action"))
                        .header("X-aws-ec2-metadata-token", token).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    log("interruption notice: " + r.body());
                    noticed.set(true);
                    save();
                    log("notice: checkpoint at item " + next.get());
                } else if (r.statusCode() == 401) {
                    log("IMDS token rejected; fetching a new one");
                    token = null;
                } else if (r.statusCode() != 404) {
                    log("IMDS answered " + r.statusCode() + "; retrying");
                }
            } catch (IOException e) {
                // Expected at the action time: the simulated instance's IMDS goes away with it.
                log("IMDS not reachable (" + e.getClass().getSimpleName() + "); retrying");
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
