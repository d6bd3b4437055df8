package dev.spotsim.simulator.workload.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Containers of a spotsim JVM that died by kill -9 are removed by the next runtime, which says so. */
class ContainerReaperTest {
    @TempDir
    Path dir;
    private final String runId = ContainerEngineSupport.newRunId();
    private DockerEngine probe;
    private Process child;

    @BeforeEach
    void engine() {
        probe = ContainerEngineSupport.engineWithSamples();
    }

    @AfterEach
    void cleanUp() {
        if (child != null) {
            child.destroyForcibly();
        }
        if (probe != null) {
            containersOfRun().forEach(c -> probe.client().removeContainerCmd(c.getId()).withForce(true).exec());
            probe.close();
        }
    }

    private List<Container> containersOfRun() {
        return probe.client().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(ContainerLabels.RUN, runId)).exec();
    }

    @Test
    void aRunThatFindsContainersOfAKilledSpotsimRemovesThemAndSaysSo() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), OrphanMaker.class.getName(), runId, dir.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("started " + runId)) {
                // The child's log lines before it says it started its container.
            }
            assertThat(line).as("the child JVM started its container").isEqualTo("started " + runId);
        }
        assertThat(containersOfRun()).hasSize(1);

        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(containersOfRun()).as("kill -9 leaves the container behind").hasSize(1);

        try (ContainerRuntime next = new ContainerRuntime(DockerEngine.connect(System.getenv()),
                ContainerEngineSupport.spec(ContainerEngineSupport.EXEC_IMAGE, false), Clock.systemUTC())) {
            assertThat(next.reaped()).anySatisfy(line -> assertThat(line).startsWith("removed 1 container(s) left by spotsim run " + runId)
                    .contains("pid " + child.pid()).contains("no longer running"));
        }
        assertThat(containersOfRun()).isEmpty();
    }

    @Test
    void containersOfARunThatIsStillAliveAreLeftAlone() throws Exception {
        try (ContainerRuntime live = new ContainerRuntime(DockerEngine.connect(System.getenv()),
                ContainerEngineSupport.spec(ContainerEngineSupport.EXEC_IMAGE, false), Clock.systemUTC())) {
            live.start(ContainerEngineSupport.launch(runId, "task-1", dir, Map.of()));
            try (ContainerRuntime other = new ContainerRuntime(DockerEngine.connect(System.getenv()),
                    ContainerEngineSupport.spec(ContainerEngineSupport.EXEC_IMAGE, false), Clock.systemUTC())) {
                assertThat(other.reaped()).noneMatch(line -> line.contains(runId));
                assertThat(containersOfRun()).hasSize(1);
            }
        }
        assertThat(containersOfRun()).isEmpty();
    }
}
