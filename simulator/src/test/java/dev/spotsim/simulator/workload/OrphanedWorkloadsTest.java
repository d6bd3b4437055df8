package dev.spotsim.simulator.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real JVM running workloads is killed with kill -9: none of its workload processes may live on. */
class OrphanedWorkloadsTest {
    @TempDir
    Path dir;
    private Process spotsim;
    private final List<Long> pids = new ArrayList<>();
    private long guard;

    @AfterEach
    void killWhatIsLeft() {
        if (spotsim != null) {
            spotsim.destroyForcibly();
        }
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        ProcessHandle.of(guard).ifPresent(ProcessHandle::destroyForcibly);
    }

    /** Starts {@link OrphanTestMain} in its own JVM and reads the pids it prints. */
    private void startSpotsim() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        spotsim = new ProcessBuilder(java, "-cp", classpath, "-D" + WorkloadGuard.DIR_PROPERTY + "=" + dir.resolve("pids"),
                "-XX:TieredStopAtLevel=1", OrphanTestMain.class.getName(), dir.resolve("logs").toString())
                .redirectError(dir.resolve("spotsim.err").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(spotsim.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null && !line.equals("ready"); line = out.readLine()) {
            if (line.startsWith("pid ")) {
                pids.add(Long.parseLong(line.substring(4)));
            } else if (line.startsWith("guard ")) {
                guard = Long.parseLong(line.substring(6));
            }
        }
        assertThat(pids).as("3 workloads of 3 processes each; stderr: %s", Files.exists(dir.resolve("spotsim.err"))
                ? Files.readString(dir.resolve("spotsim.err")) : "").hasSize(9).allMatch(OrphanedWorkloadsTest::alive);
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void killingSpotsimWithKill9EndsEveryWorkloadProcessWithinSeconds() throws Exception {
        startSpotsim();
        spotsim.destroyForcibly(); // SIGKILL: no shutdown hook runs
        spotsim.waitFor();

        await().atMost(Duration.ofSeconds(10)).until(() -> pids.stream().noneMatch(OrphanedWorkloadsTest::alive));
        await().atMost(Duration.ofSeconds(5)).until(() -> !alive(guard));
    }

    @Test
    void workloadsLeftWhenTheGuardDiedTooAreReapedByTheNextSpotsim() throws Exception {
        startSpotsim();
        ProcessHandle.of(guard).ifPresent(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(5)).until(() -> !alive(guard));
        spotsim.destroyForcibly();
        spotsim.waitFor();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> pids.stream().allMatch(OrphanedWorkloadsTest::alive));

        List<String> reaped = WorkloadGuard.reap(dir.resolve("pids"));

        assertThat(reaped).hasSize(3).allMatch(line -> line.contains("left by spotsim pid " + spotsim.pid()));
        await().atMost(Duration.ofSeconds(10)).until(() -> pids.stream().noneMatch(OrphanedWorkloadsTest::alive));
        try (var files = Files.list(dir.resolve("pids"))) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).as("the dead spotsim's PID file is gone").isEmpty();
        }
        assertThat(WorkloadGuard.reap(dir.resolve("pids"))).as("nothing twice").isEmpty();
        assertThat(Optional.of(spotsim.exitValue())).contains(137);
    }
}
