// A web service that ignores Spot entirely: it never looks at IMDS and ignores SIGTERM, so only
// SIGKILL at the action time stops it — and requests in flight then fail.
// Run: PORT=8080 java NaiveService.java
import com.sun.net.httpserver.HttpServer;
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
        // Ignore SIGTERM, the way a program without a handler in PID 1 of a container effectively does.
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> log("SIGTERM ignored"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", ex -> {
            try {
                Thread.sleep(workMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "ok\n".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        log("serving on 127.0.0.1:" + port);
        Thread.currentThread().join();
    }
}
