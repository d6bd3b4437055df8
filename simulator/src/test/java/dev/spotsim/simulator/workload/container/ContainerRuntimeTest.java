package dev.spotsim.simulator.workload.container;

import static dev.spotsim.simulator.workload.container.ContainerEngineSupport.EXEC_IMAGE;
import static dev.spotsim.simulator.workload.container.ContainerEngineSupport.SHELL_IMAGE;
import static dev.spotsim.simulator.workload.container.ContainerEngineSupport.health;
import static dev.spotsim.simulator.workload.container.ContainerEngineSupport.launch;
import static dev.spotsim.simulator.workload.container.ContainerEngineSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.Container;
import dev.spotsim.scenarios.model.ContainerSpec;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.workload.ExecResult;
import dev.spotsim.simulator.workload.RunningWorkload;
import dev.spotsim.simulator.workload.Signal;
import dev.spotsim.simulator.workload.WorkloadExit;
import dev.spotsim.simulator.workload.WorkloadLaunch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ContainerRuntime against the real engine at DOCKER_HOST, with the sample images. */
class ContainerRuntimeTest {
    @TempDir
    Path dir;
    private final String runId = ContainerEngineSupport.newRunId();
    private DockerEngine probe;
    private ContainerRuntime runtime;

    @BeforeEach
    void engine() {
        probe = ContainerEngineSupport.engineWithSamples();
    }

    @AfterEach
    void cleanUp() {
        if (runtime != null) {
            runtime.close();
        }
        if (probe != null) {
            assertThat(containersOfRun()).as("containers left by run " + runId).isEmpty();
            probe.close();
        }
    }

    private RunningWorkload startServing(ContainerSpec spec, WorkloadLaunch launch) throws IOException {
        runtime = new ContainerRuntime(connect(), spec, Clock.systemUTC());
        RunningWorkload task = runtime.start(launch);
        await().atMost(120, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200)).until(() -> health(launch.port()) == 200);
        return task;
    }

    private static DockerEngine connect() throws IOException {
        return DockerEngine.connect(System.getenv());
    }

    private List<Container> containersOfRun() {
        return probe.client().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(ContainerLabels.RUN, runId)).exec();
    }

    @Test
    void anExecFormImageGetsSigtermAsPid1AndExitsQuickly() throws Exception {
        WorkloadLaunch launch = launch(runId, "task-1", dir, Map.of());
        RunningWorkload task = startServing(spec(EXEC_IMAGE, false), launch);

        task.signal(Signal.SIGTERM);

        WorkloadExit exit = task.onExit().get(30, TimeUnit.SECONDS);
        assertThat(exit.exitCode()).isIn(0, 143);
        assertThat(exit.signal()).isNotEqualTo(Signal.SIGKILL);
        assertThat(exit.oomKilled()).isFalse();
        assertThat(Files.readString(launch.log())).contains("serving on 127.0.0.1:" + launch.port()).contains("draining (SIGTERM)");
        assertThat(task.undrainedHint(exit)).isNull();
    }

    @Test
    void aShellFormImageIgnoresSigtermUntilSigkillEndsItWith137AndThePid1Explanation() throws Exception {
        RunningWorkload task = startServing(spec(SHELL_IMAGE, false), launch(runId, "task-1", dir, Map.of()));

        task.signal(Signal.SIGTERM);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(task::isAlive);
        task.signal(Signal.SIGKILL);

        WorkloadExit exit = task.onExit().get(30, TimeUnit.SECONDS);
        assertThat(exit.exitCode()).isEqualTo(137);
        assertThat(exit.signal()).isEqualTo(Signal.SIGKILL);
        RunningContainer container = (RunningContainer) task;
        assertThat(container.signalsSent()).extracting(RunningContainer.SentSignal::signal).containsExactly(Signal.SIGTERM, Signal.SIGKILL);
        assertThat(container.undrainedHint(exit))
                .startsWith("the image's CMD is shell form (/bin/sh -c java").contains("/bin/sh is PID 1 and never passes SIGTERM on")
                .contains("use the exec form").contains("`init: true`").contains("STOPSIGNAL");
    }

    @Test
    void withInitTheShellFormImageEndsOnSigtermInsteadOfWaitingForSigkill() throws Exception {
        RunningWorkload task = startServing(spec(SHELL_IMAGE, true), launch(runId, "task-1", dir, Map.of()));

        task.signal(Signal.SIGTERM);

        WorkloadExit exit = task.onExit().get(20, TimeUnit.SECONDS);
        assertThat(exit.exitCode()).isEqualTo(143);
        assertThat(exit.signal()).isEqualTo(Signal.SIGTERM);
    }

    @Test
    void execRunsInsideTheContainerWithItsEnvironmentAndItsOutputLandsInTheLog() throws Exception {
        WorkloadLaunch launch = launch(runId, "task-1", dir, Map.of());
        RunningWorkload task = startServing(spec(EXEC_IMAGE, false), launch);

        ExecResult result = task.exec(List.of("/bin/sh", "-c", "echo hello from $SPOTSIM_INSTANCE_ID; exit 3"), Duration.ofSeconds(20));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).contains("hello from i-0123456789abcdef0");
        assertThat(Files.readString(launch.log())).contains("hello from i-0123456789abcdef0");
    }

    @Test
    void anExecThatOutlivesItsTimeoutReports124() throws Exception {
        RunningWorkload task = startServing(spec(EXEC_IMAGE, false), launch(runId, "task-1", dir, Map.of()));

        ExecResult result = task.exec(List.of("sleep", "30"), Duration.ofMillis(500));

        assertThat(result.exitCode()).isEqualTo(124);
    }

    @Test
    void everyContainerIsLabelledWithItsRunTaskAndInstanceAndCloseRemovesThemAll() throws Exception {
        startServing(spec(EXEC_IMAGE, false), launch(runId, "task-1", dir, Map.of()));
        runtime.start(launch(runId, "task-2", dir, Map.of()));

        List<Container> containers = containersOfRun();
        assertThat(containers).hasSize(2);
        assertThat(containers).extracting(c -> c.getLabels().get(ContainerLabels.TASK)).containsExactlyInAnyOrder("task-1", "task-2");
        assertThat(containers).allSatisfy(c -> assertThat(c.getLabels()).containsEntry(ContainerLabels.INSTANCE, "i-0123456789abcdef0"));

        runtime.close();
        assertThat(containersOfRun()).isEmpty();
    }

    @Test
    void anImagesVolumeGoesWithItsContainerWhenTheRuntimeCloses() throws Exception {
        // An image that declares a VOLUME gets an anonymous volume per container: removing the container must remove it too.
        Path context = Files.createDirectories(dir.resolve("volume-image"));
        Files.writeString(context.resolve("Dockerfile"), "FROM " + EXEC_IMAGE + "\nVOLUME /data\nLABEL dev.spotsim.sample=true\n");
        String image = "spotsim-test/with-volume:" + runId;
        probe.client().buildImageCmd(context.toFile()).withTags(java.util.Set.of(image)).start().awaitImageId();
        try {
            ContainerSpec withVolume = new ContainerSpec(image, null, null, null, null, false, null, "never", null, null, "host", null, null);
            runtime = new ContainerRuntime(connect(), withVolume, Clock.systemUTC());
            RunningContainer task = (RunningContainer) runtime.start(launch(runId, "task-1", dir, Map.of()));
            String volume = probe.client().inspectContainerCmd(task.id()).exec().getMounts().stream()
                    .filter(m -> "/data".equals(m.getDestination().getPath())).map(m -> m.getName()).findFirst().orElseThrow();
            assertThat(probe.client().inspectVolumeCmd(volume).exec().getName()).isEqualTo(volume);

            runtime.close();

            assertThat(containersOfRun()).isEmpty();
            assertThatThrownBy(() -> probe.client().inspectVolumeCmd(volume).exec()).as("volume %s left behind", volume)
                    .isInstanceOf(com.github.dockerjava.api.exception.NotFoundException.class);
        } finally {
            probe.client().removeImageCmd(image).withForce(true).exec();
        }
    }

    @Test
    void aTaskThatFailsToStartLeavesNoContainerBehind() throws Exception {
        ContainerSpec badCommand = new ContainerSpec(EXEC_IMAGE, null, null, new dev.spotsim.scenarios.model.Argv.ExecForm(List.of("/no/such/program")),
                null, false, null, "never", null, null, "host", null, null);
        runtime = new ContainerRuntime(connect(), badCommand, Clock.systemUTC());

        try {
            RunningWorkload task = runtime.start(launch(runId, "task-1", dir, Map.of()));
            // Some engines start it and let it exit at once (127), others refuse to start it.
            assertThat(task.onExit().get(20, TimeUnit.SECONDS).exitCode()).isNotZero();
            task.remove();
        } catch (IOException e) {
            assertThat(e).hasMessageContaining("/no/such/program");
        }
        assertThat(containersOfRun()).isEmpty();
    }

    @Test
    void anImageThatIsNotThereWithPullNeverIsNamedInTheError() throws Exception {
        ContainerSpec missing = new ContainerSpec("spotsim-samples/not-built:nope", null, null, null, null, false, null, "never", null, null,
                "host", null, null);
        runtime = new ContainerRuntime(connect(), missing, Clock.systemUTC());

        assertThatThrownBy(() -> runtime.start(launch(runId, "task-1", dir, Map.of())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("image spotsim-samples/not-built:nope is not in the engine").hasMessageContaining("pull is never");
    }

    @Test
    void aContainerReachesItsInstancesImdsOnLoopbackAndOnABridgeThroughTheHop() throws Exception {
        try (SpotSim sim = SpotSim.builder().tokensRequired(false).start()) {
            Map<String, String> imds = Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", sim.imdsEndpoint());
            ContainerSpec bridge = new ContainerSpec(EXEC_IMAGE, null, null, null, null, false, null, "never", null, null, "bridge", 1, null);
            runtime = new ContainerRuntime(connect(), bridge, Clock.systemUTC());
            RunningWorkload task = runtime.start(launch(runId, "task-1", dir, imds));

            ExecResult seen = task.exec(List.of("/bin/sh", "-c",
                    "echo $AWS_EC2_METADATA_SERVICE_ENDPOINT; wget -q -O - $AWS_EC2_METADATA_SERVICE_ENDPOINT/latest/meta-data/instance-id"),
                    Duration.ofSeconds(20));

            assertThat(seen.exitCode()).as(seen.output()).isZero();
            assertThat(seen.output()).contains(sim.firstInstanceId()).doesNotContain(sim.imdsEndpoint() + "\n");
        }
    }
}
