package dev.spotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.spotsim.simulator.workload.container.DockerEngine;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** The engine the container tests need: skipped without one (or without the sample images), failed under CI=true. */
final class ContainerEngine {
    private ContainerEngine() {
    }

    /** The engine at DOCKER_HOST, once every image is there; aborts (or fails in CI) otherwise. */
    static DockerEngine require(List<String> images) throws java.io.IOException {
        DockerEngine engine = null;
        try {
            engine = DockerEngine.connect(System.getenv());
        } catch (DockerEngine.EngineUnavailableException e) {
            skipOrFail(e.getMessage());
        }
        for (String image : images) {
            if (engine.inspectImage(image) == null) {
                engine.close();
                skipOrFail("image " + image + " is missing: run examples/containers/build-images.sh");
            }
        }
        return engine;
    }

    static void skipOrFail(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("container tests must run in CI: " + reason);
        }
        Assumptions.abort("container tests skipped: " + reason);
    }

    /**
     * Asserts that no container this JVM's runs started is left, removing stragglers so one failure does not spoil
     * the next test. Only this JVM's (by the owner pid label): tests in the other fork run containers meanwhile.
     */
    static void assertNoneLeft(DockerEngine engine) {
        if (engine == null) {
            return;
        }
        try {
            var left = engine.client().listContainersCmd().withShowAll(true).withLabelFilter(java.util.Map.of("dev.spotsim.owner.pid", Long.toString(ProcessHandle.current().pid()))).exec();
            left.forEach(c -> engine.client().removeContainerCmd(c.getId()).withForce(true).exec());
            assertThat(left).as("containers left after the run").isEmpty();
        } finally {
            engine.close();
        }
    }
}
