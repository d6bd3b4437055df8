package dev.spotsim.simulator.workload.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The Docker Engine API at {@code DOCKER_HOST} (default the local Docker socket): Docker Engine, Docker
 * Desktop, colima and Podman's Docker-compatible service all answer it. Owns the client; close it.
 */
public final class DockerEngine implements AutoCloseable {
    /** Where the Docker CLI looks when DOCKER_HOST is unset. */
    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    private final String host;
    private final DockerHttpClient http;
    private final DockerClient client;
    private final ObjectMapper json = new ObjectMapper();

    private DockerEngine(String host, DockerHttpClient http, DockerClient client) {
        this.host = host;
        this.http = http;
        this.client = client;
    }

    /** Connects to {@code DOCKER_HOST} of {@code env}, or the default socket, and checks that an engine answers. */
    public static DockerEngine connect(Map<String, String> env) throws EngineUnavailableException {
        String host = env.getOrDefault("DOCKER_HOST", "");
        return connect(host.isBlank() ? DEFAULT_HOST : host);
    }

    /** Connects to {@code host} (unix:///path.sock or tcp://127.0.0.1:2375) and pings it. */
    public static DockerEngine connect(String host) throws EngineUnavailableException {
        DockerHttpClient http;
        DockerClient client;
        try {
            DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host)
                    .withDockerTlsVerify(false).build();
            http = new ZerodepDockerHttpClient.Builder().dockerHost(URI.create(host)).connectionTimeout(Duration.ofSeconds(3))
                    .responseTimeout(Duration.ofMinutes(10)).maxConnections(64).build();
            client = DockerClientImpl.getInstance(config, http);
        } catch (RuntimeException e) {
            throw new EngineUnavailableException(host, e.getMessage());
        }
        DockerEngine engine = new DockerEngine(host, http, client);
        try {
            client.pingCmd().exec();
        } catch (RuntimeException e) {
            engine.close();
            throw new EngineUnavailableException(host, rootMessage(e));
        }
        return engine;
    }

    public DockerClient client() {
        return client;
    }

    /** The DOCKER_HOST in use, for messages. */
    public String host() {
        return host;
    }

    /**
     * The image's config as the engine stores it ({@code GET /images/{name}/json}), read raw because
     * docker-java's model has no StopSignal. Null when the image is not there.
     */
    public ImageConfig inspectImage(String image) throws IOException {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET)
                .path("/images/" + URLEncoder.encode(image, StandardCharsets.UTF_8) + "/json").build();
        try (DockerHttpClient.Response response = http.execute(request); InputStream body = response.getBody()) {
            if (response.getStatusCode() == 404) {
                return null;
            }
            JsonNode node = json.readTree(body);
            if (response.getStatusCode() != 200) {
                throw new IOException("inspecting image " + image + " at " + host + ": " + response.getStatusCode() + " " + node.path("message").asText());
            }
            return ImageConfig.from(image, node.path("Config"));
        } catch (RuntimeException e) {
            throw new IOException("inspecting image " + image + " at " + host + ": " + rootMessage(e), e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException | RuntimeException ignored) {
            // Closing a connection pool that failed to connect: nothing left to free.
        }
    }

    /** No engine answers at DOCKER_HOST; the message says what was tried and how to start one. */
    public static final class EngineUnavailableException extends IOException {
        public EngineUnavailableException(String host, String cause) {
            super("no container engine answers at DOCKER_HOST=" + host + " (" + cause + "): start Docker (Docker Desktop, colima "
                    + "or `sudo systemctl start docker`) or Podman's Docker API (`podman system service --time=0 unix:///tmp/podman.sock` "
                    + "and DOCKER_HOST=unix:///tmp/podman.sock); see docs/containers.md");
        }
    }
}
