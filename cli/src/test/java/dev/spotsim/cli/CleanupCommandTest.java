package dev.spotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spotsim cleanup}: kills what a dead spotsim's PID file lists, never a live spotsim's workloads. */
class CleanupCommandTest {
    private static final String DIR = "spotsim.workloads.dir";
    private Process leftover;
    private Process owner;

    @AfterEach
    void stop() {
        System.clearProperty(DIR);
        if (leftover != null) {
            leftover.destroyForcibly();
        }
        if (owner != null) {
            owner.destroyForcibly();
        }
    }

    private static String pidFileLine(Process p) {
        return p.pid() + " " + p.toHandle().info().startInstant().orElseThrow().toEpochMilli() + "\n";
    }

    private static String ownerName(ProcessHandle h) {
        return h.pid() + "-" + h.info().startInstant().orElseThrow().toEpochMilli() + "-1.pids";
    }

    @Test
    void killsTheWorkloadsOfASpotsimThatDiedAndSaysWhich(@TempDir Path dir) throws Exception {
        System.setProperty(DIR, dir.toString());
        leftover = new ProcessBuilder("setsid", "sleep", "600").start();
        Process deadOwner = new ProcessBuilder("true").start();
        deadOwner.waitFor();
        Files.writeString(dir.resolve(deadOwner.pid() + "-1-1.pids"), pidFileLine(leftover));

        Cli r = Cli.run("cleanup");

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("killed 1 workload process(es) left behind:", "pid " + leftover.pid() + " (left by spotsim pid " + deadOwner.pid() + ")");
        await().atMost(Duration.ofSeconds(5)).until(() -> !leftover.isAlive());
        assertThat(Cli.run("cleanup").out).contains("no workload process left behind");
    }

    @Test
    void leavesTheWorkloadsOfASpotsimStillRunningAlone(@TempDir Path dir) throws Exception {
        System.setProperty(DIR, dir.toString());
        leftover = new ProcessBuilder("setsid", "sleep", "600").start();
        owner = new ProcessBuilder("sleep", "600").start();
        Files.writeString(dir.resolve(ownerName(owner.toHandle())), pidFileLine(leftover));

        Cli r = Cli.run("cleanup");

        assertThat(r.out).as(r.toString()).contains("no workload process left behind");
        assertThat(leftover.isAlive()).isTrue();
        assertThat(dir.resolve(ownerName(owner.toHandle()))).exists();
    }
}
