package dev.spotsim.simulator.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadSupervisorTest {
    @TempDir
    Path logs;
    WorkloadSupervisor supervisor;

    @AfterEach
    void killEverything() {
        if (supervisor != null) {
            supervisor.close();
        }
    }

    @Test
    void closeLeavesNoProcessAliveNotEvenDescendantsOrProgramsIgnoringSigterm() {
        supervisor = new WorkloadSupervisor(logs, Clock.systemUTC());
        WorkloadProcess plain = supervisor.start("plain", ProcessSpec.shell("sleep 60"), WorkloadProcessTest.HERE);
        WorkloadProcess background = supervisor.start("background", ProcessSpec.shell("sleep 60 & sleep 60 & wait"), WorkloadProcessTest.HERE);
        WorkloadProcess stubborn = supervisor.start("stubborn", ProcessSpec.shell("trap '' TERM; sleep 60"), WorkloadProcessTest.HERE);
        List<ProcessHandle> all = new ArrayList<>();
        all.addAll(WorkloadProcessTest.awaitTree(plain, 0));
        all.addAll(WorkloadProcessTest.awaitTree(background, 2));
        all.addAll(WorkloadProcessTest.awaitTree(stubborn, 1));
        assertThat(all).hasSize(6).allMatch(ProcessHandle::isAlive);

        supervisor.close();

        assertThat(all).as("close() returns once every process is gone").noneMatch(ProcessHandle::isAlive);
        assertThat(supervisor.processes()).hasSize(3).allSatisfy(p -> assertThat(p.wasKilled()).isTrue());
    }

    @Test
    void nothingStartsOnceClosed() {
        supervisor = new WorkloadSupervisor(logs, Clock.systemUTC());
        supervisor.close();
        assertThatThrownBy(() -> supervisor.start("late", ProcessSpec.shell("sleep 60"), WorkloadProcessTest.HERE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed").hasMessageContaining("late");
        assertThat(supervisor.processes()).isEmpty();
    }

    @Test
    void aProgramThatCannotStartSaysWhichAndWhy() {
        supervisor = new WorkloadSupervisor(logs, Clock.systemUTC());
        assertThatThrownBy(() -> supervisor.start("missing", ProcessSpec.of("/no/such/program"), WorkloadProcessTest.HERE))
                .hasMessageStartingWith("cannot start workload missing (/no/such/program)");
    }
}
