package dev.spotsim.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.reports.record.WorkloadDrain;
import dev.spotsim.simulator.platform.TaskRecord;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A drain ends clean only with the workload's own exit after the signal; everything else counts as killed. */
class DrainRuleTest {
    private static final Instant NOTICE = Instant.parse("2026-01-01T12:00:00Z");
    private static final Instant SIGTERM = NOTICE.plusSeconds(1);
    private static final Instant EXIT = NOTICE.plusSeconds(4);

    private static TaskRecord task(Instant killed, int exitCode, String exitSignal, boolean oom) {
        return new TaskRecord("task-0001", "i-0123456789abcdef0", "ecs-ec2", 1, NOTICE.minusSeconds(60), NOTICE, NOTICE, NOTICE, SIGTERM, EXIT,
                killed, exitCode, "SIGTERM", exitSignal, oom, null, "pid 4711");
    }

    @Test
    void anExitAnsweringTheStopSignalIsACleanDrain() {
        WorkloadDrain d = RecordAssembler.drain(task(null, 143, "SIGTERM", false));
        assertThat(d.wasKilled()).isFalse();
        assertThat(d.drainTime()).isEqualTo(Duration.ofSeconds(4));
        assertThat(RecordAssembler.drain(task(null, 0, null, false)).wasKilled()).isFalse();
    }

    @Test
    void aSigkillSpotsimDidNotSendMidDrainCountsAsKilledAtItsExit() {
        WorkloadDrain d = RecordAssembler.drain(task(null, 137, "SIGKILL", false));
        assertThat(d.wasKilled()).isTrue();
        assertThat(d.killed()).isEqualTo(EXIT);
        assertThat(d.drainTime()).isNull();
    }

    @Test
    void theOomKillerACrashAndSpotsimsOwnSigkillAreNotDrainsEither() {
        assertThat(RecordAssembler.drain(task(null, 137, "SIGKILL", true)).wasKilled()).isTrue();
        assertThat(RecordAssembler.drain(task(null, 139, "SIGSEGV", false)).wasKilled()).as("a crash").isTrue();
        assertThat(RecordAssembler.drain(task(null, 134, "SIGABRT", false)).wasKilled()).isTrue();
        assertThat(RecordAssembler.drain(task(EXIT, 137, "SIGKILL", false)).killed()).isEqualTo(EXIT);
    }
}
