package dev.spotsim.simulator.workload.container;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without an engine, one line names the DOCKER_HOST tried and how to start Docker or Podman. */
class EngineUnavailableTest {
    @TempDir
    Path dir;

    @Test
    void noEngineAtDockerHostSaysWhichHostWasTriedAndHowToStartOne() {
        String host = "unix://" + dir.resolve("no-engine.sock");

        assertThatThrownBy(() -> DockerEngine.connect(Map.of("DOCKER_HOST", host)))
                .isInstanceOf(DockerEngine.EngineUnavailableException.class)
                .hasMessageStartingWith("no container engine answers at DOCKER_HOST=" + host)
                .hasMessageContaining("podman system service").hasMessageContaining("Docker")
                .hasMessageNotContaining("\n");
    }
}
