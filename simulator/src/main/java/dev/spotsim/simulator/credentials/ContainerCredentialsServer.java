package dev.spotsim.simulator.credentials;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The container credentials endpoint on loopback: each task gets a URI of its own and an authorization token
 * (AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN), and a GET with that token in
 * {@code Authorization} returns its task role's credentials. The AWS SDKs and CLI accept a FULL_URI over http
 * only when its host is loopback (or 169.254.170.2/.23, fd00:ec2::23), so it binds 127.0.0.1, which a container on
 * the host's network reaches as is. https://docs.aws.amazon.com/sdkref/latest/guide/feature-container-credentials.html
 */
public final class ContainerCredentialsServer implements AutoCloseable {
    public static final String FULL_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
    public static final String AUTHORIZATION_TOKEN = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
    private static final String PATH = "/v2/credentials/";

    private final HttpServer server;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    /** A task's credentials URI, the token that unlocks it, and the role it stands for. */
    public record Grant(String taskId, String roleArn, String id, String fullUri, String authorizationToken) {
        /** The two variables a task's environment carries. */
        public Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            env.put(FULL_URI, fullUri);
            env.put(AUTHORIZATION_TOKEN, authorizationToken);
            return env;
        }
    }

    private ContainerCredentialsServer(HttpServer server, Clock clock) {
        this.server = server;
        this.clock = clock;
    }

    /** Listens on 127.0.0.1 at a free port; blocks until it does (call it off the event loop). */
    public static ContainerCredentialsServer start(Vertx vertx, Clock clock) {
        HttpServer server = vertx.createHttpServer();
        ContainerCredentialsServer endpoint = new ContainerCredentialsServer(server, clock);
        server.requestHandler(endpoint::handle);
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the container credentials endpoint could not listen on 127.0.0.1: " + e.getMessage(), e);
        }
        return endpoint;
    }

    public int port() {
        return server.actualPort();
    }

    /** Issues {@code taskId} its URI and token for {@code roleArn}. */
    public Grant grant(String taskId, String roleArn) {
        Objects.requireNonNull(roleArn, "roleArn");
        String id = UUID.randomUUID().toString();
        byte[] token = new byte[24];
        random.nextBytes(token);
        Grant grant = new Grant(taskId, roleArn, id, "http://127.0.0.1:" + port() + PATH + id, HexFormat.of().formatHex(token));
        grants.put(id, grant);
        return grant;
    }

    /** The task stopped: its URI answers 404 from now on. */
    public void revoke(Grant grant) {
        grants.remove(grant.id());
    }

    private void handle(HttpServerRequest request) {
        if (request.method() != HttpMethod.GET) {
            reply(request, 405, error("MethodNotAllowed", "only GET is supported"));
            return;
        }
        String path = request.path();
        Grant grant = path.startsWith(PATH) ? grants.get(path.substring(PATH.length())) : null;
        if (grant == null) {
            reply(request, 404, error("NotFound", "no task credentials at " + path));
            return;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null || authorization.isBlank()) {
            reply(request, 401, error("Unauthorized", "missing the Authorization header (AWS_CONTAINER_AUTHORIZATION_TOKEN)"));
        } else if (!authorization.equals(grant.authorizationToken())) {
            reply(request, 403, error("AccessDenied", "the Authorization header does not match this task's token"));
        } else {
            reply(request, 200, TaskRoleCredentials.document(grant.taskId(), grant.roleArn(), clock.instant()));
        }
    }

    private static Map<String, String> error(String code, String message) {
        return Map.of("code", code, "message", message);
    }

    private void reply(HttpServerRequest request, int status, Map<String, String> body) {
        try {
            request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            request.response().setStatusCode(500).end();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
