package dev.spotsim.simulator.workload.container;

import static org.assertj.core.api.Assertions.fail;

import dev.spotsim.scenarios.model.ContainerSpec;
import dev.spotsim.simulator.workload.WorkloadLaunch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The real engine at DOCKER_HOST for container tests. Without an engine (or the sample images) a laptop skips
 * with a one-line reason; CI (CI=true) fails instead, since .ci/run starts Podman and builds the images.
 */
final class ContainerEngineSupport {
    static final String EXEC_IMAGE = "spotsim-samples/drain-aware:exec";
    static final String SHELL_IMAGE = "spotsim-samples/drain-aware:shell";
    static final List<String> SAMPLE_IMAGES = List.of(EXEC_IMAGE, SHELL_IMAGE, "spotsim-samples/batch-worker:local");
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ContainerEngineSupport() {
    }

    /** A connected engine with the sample images, or the test is skipped (failed in CI). */
    static DockerEngine engineWithSamples() {
        DockerEngine engine;
        try {
            engine = DockerEngine.connect(System.getenv());
        } catch (DockerEngine.EngineUnavailableException e) {
            unavailable(e.getMessage());
            return null;
        }
        for (String image : SAMPLE_IMAGES) {
            try {
                if (engine.inspectImage(image) == null) {
                    engine.close();
                    unavailable("image " + image + " is missing: run examples/containers/build-images.sh");
                }
            } catch (IOException e) {
                engine.close();
                unavailable(e.getMessage());
            }
        }
        return engine;
    }

    private static void unavailable(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("container tests must run in CI: " + reason);
        }
        Assumptions.abort("container tests skipped: " + reason);
    }

    static String newRunId() {
        return "test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A launch on a free port; the drain-aware service's grace is short and it relies on SIGTERM only. */
    static WorkloadLaunch launch(String runId, String taskId, Path dir, Map<String, String> extra) {
        int port = freePort();
        Map<String, String> env = new HashMap<>(Map.of("PORT", Integer.toString(port), "SPOTSIM_INSTANCE_ID", "i-0123456789abcdef0",
                "WATCH_IMDS", "false", "DRAIN_GRACE_MS", "300"));
        env.putAll(extra);
        return new WorkloadLaunch(runId, taskId, "i-0123456789abcdef0", port, env, dir, dir.resolve(taskId + ".log"));
    }

    static ContainerSpec spec(String image, boolean init) {
        return new ContainerSpec(image, null, null, null, null, init, null, "never", null, null, "host", null, null);
    }

    /** The service's /health status, or -1 while nothing answers. */
    static int health(int port) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(2)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
