// A web service that ignores Spot entirely: it never looks at IMDS and ignores SIGTERM, so only
// SIGKILL at the action time stops it — and requests in flight then fail.
// Run: PORT=8080 java NaiveService.java
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Executors;

public class NaiveService {
    static void log(String message) {
        System.out.println(Instant.now() + " NaiveService " + message);
        System.out.flush();
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        long workMillis = Long.parseLong(System.getenv().getOrDefault("WORK_MS", "20"));
        // Ignore SIGTERM, the way a program without a handler in PID 1 of a container effectively does: our
        // handler replaces the JVM's (which would run the shutdown hooks and exit), and only logs.
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> log("SIGTERM ignored"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/health", ex -> reply(ex, "healthy\n")); // healthy to the very end: nothing tells it otherwise
        server.createContext("/", ex -> {
            try {
                Thread.sleep(workMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(ex, "ok\n");
        });
        server.start();
        log("serving on 127.0.0.1:" + port);
        Thread.currentThread().join();
    }

    static void reply(HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
