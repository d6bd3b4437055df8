package dev.spotsim.simulator.workload.container;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extra network hop between a container on a bridge network and its instance's IMDS, modelled on loopback
 * (containers really use the host's network; docs/containers.md). IMDS sends its token response with an IP TTL
 * of httpPutResponseHopLimit; crossing the bridge costs one hop, so with a limit of 1 the answer to
 * {@code PUT /latest/api/token} never arrives: the request is held unanswered until the client gives up.
 * Everything else passes through unchanged (IMDSv1 GETs still work, as on EC2).
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html
 */
public final class BridgeHop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BridgeHop.class);
    /** How long an unanswered token request is held before its connection is closed (clients give up sooner). */
    private static final Duration HOLD = Duration.ofSeconds(30);
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "transfer-encoding", "upgrade",
            "keep-alive", "expect");

    private final URI imds;
    private final int hopLimit;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> daemon(r, "bridge-hop"));
    private final ScheduledExecutorService holder = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "bridge-hop-hold"));
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicInteger droppedTokens = new AtomicInteger();
    private final AtomicInteger answeredReads = new AtomicInteger();

    /** Listens on a free loopback port in front of {@code imdsEndpoint} (http://127.0.0.1:PORT). */
    public BridgeHop(String imdsEndpoint, int hopLimit) throws IOException {
        this.imds = URI.create(imdsEndpoint.endsWith("/") ? imdsEndpoint.substring(0, imdsEndpoint.length() - 1) : imdsEndpoint);
        this.hopLimit = hopLimit;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The endpoint a container on the bridge is given as AWS_EC2_METADATA_SERVICE_ENDPOINT. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Why a container behind this hop may have missed its notice: its IMDSv2 token requests went unanswered
     * because of the hop limit and no metadata read got through (IMDSv1 would have); null otherwise.
     */
    public String unansweredTokenHint() {
        int dropped = droppedTokens.get();
        if (dropped == 0 || answeredReads.get() > 0) {
            return null;
        }
        return dropped + " IMDSv2 token request(s) (PUT /latest/api/token) from the bridge network went unanswered: the answer needs one more hop "
                + "than httpPutResponseHopLimit " + hopLimit + " allows, so the container could not read the interruption notice; "
                + "set httpPutResponseHopLimit: 2 (AWS's advice for containers) or use network: host";
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean tokenPut = exchange.getRequestMethod().equals("PUT") && exchange.getRequestURI().getPath().equals("/latest/api/token");
        if (tokenPut && hopLimit < 2) {
            log.debug("token PUT through the bridge with hop limit {}: its answer is dropped", hopLimit);
            droppedTokens.incrementAndGet();
            holder.schedule(exchange::close, HOLD.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        try (exchange) {
            HttpResponse<byte[]> answer = forward(exchange);
            answer.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] body = answer.body();
            if (exchange.getRequestMethod().equals("GET") && answer.statusCode() == 200) {
                answeredReads.incrementAndGet();
            }
            exchange.sendResponseHeaders(answer.statusCode(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            log.debug("bridge hop to {} failed: {}", imds, e.getMessage());
            exchange.sendResponseHeaders(502, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange) throws IOException, InterruptedException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(imds.resolve(exchange.getRequestURI().toString())).timeout(Duration.ofSeconds(10))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        server.stop(0);
        holder.shutdownNow();
        workers.shutdownNow();
    }
}
