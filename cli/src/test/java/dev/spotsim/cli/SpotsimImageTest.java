package dev.spotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import dev.spotsim.simulator.workload.container.DockerEngine;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * spotsim's own image (examples/containers/spotsim.Containerfile), built by build-spotsim-image.sh, serving on a
 * network of its own and reached from another container, the way a dev cluster's pods reach it.
 *
 * <p>The image is built here, not by .ci/run: in {@code mvn verify} tests run before {@code package}, so the shaded
 * jar does not exist yet. The test builds it from what it tests instead: this module's classes and its runtime
 * classpath (target/runtime-classpath.txt, written by maven-dependency-plugin), each directory made a jar.
 * The Containerfile runs {@code -cp /opt/spotsim/lib/*}, so the same file serves the shaded jar and these jars.
 */
@Timeout(value = 420, unit = TimeUnit.SECONDS)
class SpotsimImageTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String ID = UUID.randomUUID().toString().substring(0, 8);
    private static final String IMAGE = "spotsim-test/spotsim:" + ID;
    private static final String NETWORK = "spotsim-image-test-" + ID;
    private static final String LABEL = "dev.spotsim.image-test";
    private static final String INSTANCE = "i-0c0ffee0123456789";

    private static DockerEngine engine;
    private static DockerClient docker;
    private static String networkId;

    @BeforeAll
    static void buildImageAndNetwork() throws Exception {
        try {
            engine = DockerEngine.connect(System.getenv());
        } catch (DockerEngine.EngineUnavailableException e) {
            skipOrFail(e.getMessage());
        }
        docker = engine.client();
        buildImage();
        networkId = docker.createNetworkCmd().withName(NETWORK).withLabels(Map.of(LABEL, ID)).exec().getId();
    }

    @AfterAll
    static void removeEverything() {
        if (engine == null) {
            return;
        }
        try {
            docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(LABEL, ID)).exec()
                    .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
            if (networkId != null) {
                docker.removeNetworkCmd(networkId).exec();
            }
            if (engine.inspectImage(IMAGE) != null) {
                docker.removeImageCmd(IMAGE).withForce(true).exec();
            }
            assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(LABEL, ID)).exec()).as("containers left").isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            engine.close();
        }
    }

    private static void skipOrFail(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("container tests must run in CI: " + reason);
        }
        Assumptions.abort("container tests skipped: " + reason);
    }

    @Test
    void theImageRunsTheJvmAsPid1WithTheLaunchersFlagsAsANonRootUser() {
        InspectImageResponse image = docker.inspectImageCmd(IMAGE).exec();

        assertThat(image.getConfig().getEntrypoint())
                .startsWith("java", "--add-opens=java.base/java.lang=ALL-UNNAMED").endsWith("dev.spotsim.cli.SpotsimCommand");
        assertThat(image.getConfig().getCmd()).containsExactly("serve", "--host", "0.0.0.0");
        assertThat(image.getConfig().getUser()).isEqualTo("10001:10001");
    }

    @Test
    void serveInTheImageAnswersImdsAndTheControlApiToAnotherContainer() {
        Served spotsim = startSpotsim("served", List.of("serve", "--host", "0.0.0.0", "--instance-id", INSTANCE));

        Run client = runClient(spotsim.address(), "latest/meta-data/instance-id", "spotsim/v1/health");

        assertThat(client.exitCode()).as(client.output()).isZero();
        assertThat(client.output()).contains(INSTANCE + "\n").contains("\"status\":\"ok\"");
    }

    @Test
    void stoppingTheContainerEndsServeOnSigtermBeforeTheEngineResortsToSigkill() {
        Served spotsim = startSpotsim("stopped", List.of("serve", "--host", "0.0.0.0"));

        docker.stopContainerCmd(spotsim.id()).withTimeout(30).exec();

        Long exit = docker.inspectContainerCmd(spotsim.id()).exec().getState().getExitCodeLong();
        assertThat(exit).as("exit code; 137 would be SIGKILL after 30 s: " + logs(spotsim.id())).isIn(0L, 143L);
    }

    @Test
    void withoutHostServeBindsTheContainersLoopbackAndAnotherContainerIsRefused() {
        Served spotsim = startSpotsim("loopback", List.of("serve", "--instance-id", INSTANCE));

        Run client = runClient(spotsim.address(), "latest/meta-data/instance-id");

        assertThat(client.exitCode()).as(client.output()).isNotZero();
        assertThat(client.output()).doesNotContain(INSTANCE).containsIgnoringCase("refused");
    }

    private record Served(String id, String address) {
    }

    /** Starts spotsim with {@code command}, waits for its banner, and returns the container and its address on the test network. */
    private static Served startSpotsim(String name, List<String> command) {
        String id = docker.createContainerCmd(IMAGE).withName("spotsim-" + name + "-" + ID).withCmd(command).withLabels(Map.of(LABEL, ID))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode(NETWORK)).exec().getId();
        docker.startContainerCmd(id).exec();
        await("spotsim's banner in the container's output").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() -> {
            assertThat(docker.inspectContainerCmd(id).exec().getState().getRunning()).as("spotsim is running; its output:%n%s", logs(id)).isTrue();
            return logs(id).contains("Stop with Ctrl-C.");
        });
        ContainerNetwork network = docker.inspectContainerCmd(id).exec().getNetworkSettings().getNetworks().get(NETWORK);
        assertThat(network).as("the container's place on " + NETWORK).isNotNull();
        return new Served(id, network.getIpAddress());
    }

    /** A busybox wget in another container of the same image on the same network: IMDS on 1338, the control API on 1337. */
    private static Run runClient(String address, String... paths) {
        List<String> script = new ArrayList<>();
        for (String path : paths) {
            int port = path.startsWith("spotsim/") ? 1337 : 1338;
            script.add("wget -q -O - http://" + address + ":" + port + "/" + path + " && echo");
        }
        String id = docker.createContainerCmd(IMAGE).withEntrypoint("/bin/sh", "-c", String.join(" && ", script) + " 2>&1").withCmd(List.of())
                .withLabels(Map.of(LABEL, ID)).withHostConfig(HostConfig.newHostConfig().withNetworkMode(NETWORK)).exec().getId();
        docker.startContainerCmd(id).exec();
        int exit = docker.waitContainerCmd(id).start().awaitStatusCode(60, TimeUnit.SECONDS);
        return new Run(exit, logs(id));
    }

    private record Run(int exitCode, String output) {
    }

    private static String logs(String containerId) {
        StringBuilder out = new StringBuilder();
        try {
            docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }).awaitCompletion(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out.toString();
    }

    private static void buildImage() throws IOException, InterruptedException {
        Path jars = Files.createDirectories(Path.of("target", "image-test-jars").toAbsolutePath());
        try (Stream<Path> old = Files.list(jars)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        List<Path> classpath = new ArrayList<>(List.of(Path.of("target", "classes")));
        for (String entry : Files.readString(Path.of("target", "runtime-classpath.txt")).trim().split(File.pathSeparator)) {
            classpath.add(Path.of(entry));
        }
        for (int i = 0; i < classpath.size(); i++) {
            Path entry = classpath.get(i);
            Path target = jars.resolve(String.format("%03d-%s", i, entry.getFileName().toString().endsWith(".jar") ? entry.getFileName() : "classes.jar"));
            if (Files.isDirectory(entry)) {
                jarDirectory(entry, target);
            } else {
                Files.copy(entry, target);
            }
        }
        Path log = jars.resolveSibling("image-test-build.log");
        Process build = new ProcessBuilder("bash", REPO.resolve("examples/containers/build-spotsim-image.sh").toString(), "--tag", IMAGE, "--jars", jars.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!build.waitFor(300, TimeUnit.SECONDS)) {
            build.destroyForcibly();
            fail("build-spotsim-image.sh took more than 5 minutes: " + Files.readString(log));
        }
        if (build.exitValue() == 3) {
            skipOrFail(Files.readString(log).trim());
        }
        assertThat(build.exitValue()).as("build-spotsim-image.sh: " + Files.readString(log)).isZero();
    }

    /** A module's classes directory as a jar: the image's classpath is lib/*, which takes jars only. */
    private static void jarDirectory(Path dir, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file); Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new ZipEntry(dir.relativize(p).toString().replace(File.separatorChar, '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }
}
