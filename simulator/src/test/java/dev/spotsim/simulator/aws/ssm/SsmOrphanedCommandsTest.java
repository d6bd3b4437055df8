package dev.spotsim.simulator.aws.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spotsim.simulator.workload.WorkloadGuard;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real JVM running SSM commands on the simulator is killed with kill -9: the commands' shells and what they
 * started must not live on (the workload guard kills them), and if the guard died too, the next spotsim reaps them.
 */
class SsmOrphanedCommandsTest {
    @TempDir
    Path dir;
    private Process spotsim;
    private final List<Long> pids = new ArrayList<>();
    private final List<Long> guards = new ArrayList<>();

    @AfterEach
    void killWhatIsLeft() {
        if (spotsim != null) {
            spotsim.destroyForcibly();
        }
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        guards.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    /** Starts {@link SsmOrphanTestMain} in its own JVM and reads the pids it prints. */
    private void startSpotsim() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        spotsim = new ProcessBuilder(java, "-cp", classpath, "-D" + WorkloadGuard.DIR_PROPERTY + "=" + dir.resolve("pids"),
                "-Daws.ec2MetadataServiceEndpoint=http://127.0.0.1:9", "-XX:TieredStopAtLevel=1", SsmOrphanTestMain.class.getName())
                .redirectError(dir.resolve("spotsim.err").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(spotsim.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null && !line.equals("ready"); line = out.readLine()) {
            if (line.startsWith("pid ")) {
                pids.add(Long.parseLong(line.substring(4)));
            } else if (line.startsWith("guard ")) {
                guards.add(Long.parseLong(line.substring(6)));
            }
        }
        assertThat(pids).as("2 shells and 2 sleeping children; stderr: %s", Files.exists(dir.resolve("spotsim.err"))
                ? Files.readString(dir.resolve("spotsim.err")) : "").hasSize(4).allMatch(SsmOrphanedCommandsTest::alive);
        assertThat(guards).as("one guard watches the commands").hasSize(1);
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void killingSpotsimWithKill9EndsEveryCommandsProcessesWithinSeconds() throws Exception {
        startSpotsim();

        spotsim.destroyForcibly(); // SIGKILL: no shutdown hook, no close
        spotsim.waitFor();

        await().atMost(Duration.ofSeconds(10)).until(() -> pids.stream().noneMatch(SsmOrphanedCommandsTest::alive));
        await().atMost(Duration.ofSeconds(5)).until(() -> guards.stream().noneMatch(SsmOrphanedCommandsTest::alive));
    }

    @Test
    void commandsLeftWhenTheGuardDiedTooAreReapedByTheNextSpotsim() throws Exception {
        startSpotsim();
        guards.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        await().atMost(Duration.ofSeconds(5)).until(() -> guards.stream().noneMatch(SsmOrphanedCommandsTest::alive));
        spotsim.destroyForcibly();
        spotsim.waitFor();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> pids.stream().allMatch(SsmOrphanedCommandsTest::alive));

        List<String> reaped = WorkloadGuard.reap(dir.resolve("pids"));

        assertThat(reaped).as("one line per command's shell").hasSize(2).allMatch(line -> line.contains("left by spotsim pid " + spotsim.pid()));
        await().atMost(Duration.ofSeconds(10)).until(() -> pids.stream().noneMatch(SsmOrphanedCommandsTest::alive));
        assertThat(WorkloadGuard.reap(dir.resolve("pids"))).as("nothing twice").isEmpty();
    }
}
