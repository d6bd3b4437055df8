import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.imds.Ec2MetadataClient;

/**
 * A service that knows nothing of spotsim: it uses only the AWS SDK for Java v2's defaults, as an app on ECS would.
 * {@code Ec2MetadataClient.create()} finds IMDS through AWS_EC2_METADATA_SERVICE_ENDPOINT (IMDSv2 tokens included) and
 * the service polls the Spot instance action; {@code DefaultCredentialsProvider} resolves the task role's credentials
 * through AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN. It prints what it gets, serves
 * {@code /health} and {@code /} on PORT, and exits 0 on SIGTERM. No endpoint is set in code.
 *
 * <p>Environment: PORT (required), POLL_MS (default 500).
 */
public final class SdkDefaultsService {
    private static final String INSTANCE_ACTION = "/latest/meta-data/spot/instance-action";

    private SdkDefaultsService() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(required("PORT"));
        long pollMs = Long.parseLong(System.getenv().getOrDefault("POLL_MS", "500"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/health", exchange -> answer(exchange, "ok"));
        server.createContext("/", exchange -> answer(exchange, "hello from sdk-defaults"));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("SIGTERM: stopping");
            server.stop(0);
        }));
        say("serving on 127.0.0.1:" + port);
        printCredentials();
        try (Ec2MetadataClient imds = Ec2MetadataClient.create()) {
            watchForTheNotice(imds, pollMs);
        }
        Thread.currentThread().join();
    }

    /** Resolves credentials the way any SDK client would, and prints which key it got. */
    private static void printCredentials() {
        try {
            AwsCredentials c = DefaultCredentialsProvider.builder().build().resolveCredentials();
            say("credentials: AccessKeyId=" + c.accessKeyId() + " session token: " + (c instanceof AwsSessionCredentials ? "yes" : "no"));
        } catch (RuntimeException e) {
            say("credentials: none: " + e.getMessage());
        }
    }

    /** Polls the Spot instance action until it appears (404 until the notice), then prints it once. */
    private static void watchForTheNotice(Ec2MetadataClient imds, long pollMs) throws InterruptedException {
        String lastError = null;
        while (true) {
            try {
                String action = imds.get(INSTANCE_ACTION).asString();
                say("interruption notice: " + action + " read at " + Instant.now());
                return;
            } catch (RuntimeException e) {
                String error = e.getMessage() != null && e.getMessage().contains("404") ? "no interruption notice yet (404)" : e.toString();
                if (!error.equals(lastError)) {
                    say(error);
                    lastError = error;
                }
            }
            Thread.sleep(pollMs);
        }
    }

    private static void answer(HttpExchange exchange, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            System.err.println("SdkDefaultsService: " + name + " is not set");
            System.exit(2);
        }
        return value;
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
