package dev.spotsim.simulator.workload;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spotsim.simulator.RawHttp;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.fleet.InterruptRequest;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.instance.Interruption;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample programs of examples/workloads, run as {@code java File.java} against a real simulated instance. */
class SampleWorkloadsTest {
    /** Compiling a source file takes a JVM 1-2 s; more on a busy machine. */
    private static final Duration START_UP = Duration.ofSeconds(30);
    @TempDir
    Path dir;
    SpotSim sim;
    final List<ProcessRuntime> runtimes = new ArrayList<>();
    String instanceId;
    Map<String, String> placement;
    int port;

    @BeforeEach
    void startInstance() throws Exception {
        sim = SpotSim.builder().start();
        InstanceView instance = sim.instances().get(0);
        instanceId = instance.instanceId();
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        placement = Map.of("PORT", Integer.toString(port), "AWS_EC2_METADATA_SERVICE_ENDPOINT", sim.imdsEndpoint(instanceId),
                "SPOTSIM_INSTANCE_ID", instanceId, "AWS_REGION", instance.identity().region());
    }

    @AfterEach
    void stopEverything() {
        try {
            runtimes.forEach(ProcessRuntime::close);
        } finally {
            sim.close();
        }
    }

    /** Starts {@code spec} as task {@code id} on the instance, with {@code extra} variables. */
    RunningWorkload start(String id, ProcessSpec spec, Map<String, String> extra) throws Exception {
        ProcessRuntime runtime = new ProcessRuntime(spec, Clock.systemUTC());
        runtimes.add(runtime);
        Map<String, String> env = new HashMap<>(placement);
        env.putAll(extra);
        return runtime.start(new WorkloadLaunch("run-1", id, instanceId, port, env, null, dir.resolve("logs").resolve(id + ".log")));
    }

    /** {@code java examples/workloads/<program>} with the JVM running the tests, found above the working directory. */
    static ProcessSpec example(String program) {
        String java = ProcessHandle.current().info().command().orElse("java");
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path source = p.resolve("examples/workloads").resolve(program);
            if (Files.isRegularFile(source)) {
                // C1 only and the serial collector: a short-lived sample starts faster.
                return ProcessSpec.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", source.toString());
            }
        }
        throw new AssertionError("examples/workloads/" + program + " not found above " + Path.of("").toAbsolutePath());
    }

    int status(RunningWorkload p, String path) {
        try {
            return new RawHttp("http://127.0.0.1:" + port).send("GET", path, null, Duration.ofSeconds(2)).statusCode();
        } catch (UncheckedIOException e) {
            return 0; // not listening (yet, or any more)
        }
    }

    static String log(RunningWorkload p) {
        try {
            return Files.readString(p.log());
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void drainAwareServiceFailsItsHealthCheckSoonAfterTheNoticeAndExitsZeroOnItsOwn() throws Exception {
        RunningWorkload service = start("drain-aware", example("DrainAwareService.java"), Map.of());
        await().atMost(START_UP).until(() -> log(service).contains("watching IMDS"));
        assertThat(status(service, "/health")).isEqualTo(200);
        assertThat(status(service, "/")).isEqualTo(200);

        Interruption notice = sim.fleet().interrupt(instanceId, new InterruptRequest(null, Duration.ofSeconds(20), null, null));
        // One 1 s poll, the request itself, some slack for a busy machine.
        await().atMost(Duration.ofSeconds(3)).until(() -> status(service, "/health") == 503);
        Instant unhealthy = Instant.now();

        WorkloadExit exit = service.onExit().get(15, SECONDS);
        assertThat(exit.exitCode()).isZero();
        assertThat(exit.exitedOnItsOwn()).isTrue();
        assertThat(exit.at()).isAfter(unhealthy).isBefore(notice.actionTime());
        assertThat(log(service)).contains("interruption notice", "draining (IMDS notice)", "grace period over", "exiting");
    }

    @Test
    void naiveServiceOutlivesSigtermAndDiesOnSigkill() throws Exception {
        RunningWorkload service = start("naive", example("NaiveService.java"), Map.of());
        await().atMost(START_UP).until(() -> status(service, "/health") == 200);

        service.signal(Signal.SIGTERM);
        await().atMost(Duration.ofSeconds(5)).until(() -> log(service).contains("SIGTERM ignored"));
        assertThat(service.isAlive()).isTrue();
        assertThat(status(service, "/")).isEqualTo(200);

        service.signal(Signal.SIGKILL);
        WorkloadExit exit = service.onExit().get(10, SECONDS);
        assertThat(exit.exitCode()).isEqualTo(137);
        assertThat(exit.signal()).isEqualTo(Signal.SIGKILL);
    }

    @Test
    void batchWorkerCheckpointsOnSigtermExits143AndResumesWhereItStopped() throws Exception {
        Path checkpoint = dir.resolve("batch.checkpoint");
        Map<String, String> env = Map.of("ITEMS", "1000", "ITEM_MS", "20", "CHECKPOINT_FILE", checkpoint.toString());
        RunningWorkload first = start("batch-1", example("BatchWorker.java"), env);
        await().atMost(START_UP).until(() -> Files.exists(checkpoint) && done(checkpoint) >= 3);

        first.signal(Signal.SIGTERM);
        assertThat(first.onExit().get(10, SECONDS).exitCode()).as("a JVM leaving through its hooks on SIGTERM").isEqualTo(143);
        int saved = done(checkpoint);
        assertThat(log(first)).contains("SIGTERM: checkpoint at item " + saved);

        Map<String, String> shortRun = Map.of("ITEMS", Integer.toString(saved + 2), "ITEM_MS", "20", "CHECKPOINT_FILE", checkpoint.toString());
        RunningWorkload second = start("batch-2", example("BatchWorker.java"), shortRun);
        assertThat(second.onExit().get(60, SECONDS).exitCode()).isZero();
        assertThat(log(second)).contains("resuming at item " + saved + " of " + (saved + 2), "item " + (saved + 2) + " of " + (saved + 2) + " done",
                "done; checkpoint " + checkpoint + " removed");
        assertThat(checkpoint).as("a finished job leaves no checkpoint for the next one").doesNotExist();
    }

    private static int done(Path checkpoint) throws java.io.IOException {
        return Integer.parseInt(Files.readString(checkpoint).trim());
    }
}
