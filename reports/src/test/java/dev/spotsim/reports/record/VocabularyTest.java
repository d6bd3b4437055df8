package dev.spotsim.reports.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VocabularyTest {
    @Test
    void everyTimelineKindReadsBackFromItsWireNameAndUnknownWordsAreOther() {
        Arrays.stream(TimelineKind.values()).filter(k -> k != TimelineKind.OTHER)
                .forEach(k -> assertThat(TimelineKind.of(k.wireName())).isEqualTo(k));
        assertThat(Arrays.stream(TimelineKind.values()).map(TimelineKind::wireName).distinct()).hasSize(TimelineKind.values().length);
        assertThat(TimelineKind.of("killed")).as("the platform's older word, renamed by a local run").isEqualTo(TimelineKind.OTHER);
    }

    @Test
    void aTimelineEntryKeepsTheWireNameInRunJson() {
        TimelineEntry e = new TimelineEntry(Instant.EPOCH, TimelineKind.LOAD_START, null, "20 req/s");

        assertThat(e.kind()).isEqualTo("load-start");
        assertThat(e.timelineKind()).isEqualTo(TimelineKind.LOAD_START);
    }

    @Test
    void outcomesAndVerdictsAreTheRecordsWords() {
        assertThat(Outcome.of("stopped")).isEqualTo(Outcome.STOPPED);
        assertThat(Outcome.STOPPED.reachesVerdict()).isTrue();
        assertThat(Outcome.INTERRUPTED.reachesVerdict()).isFalse();
        assertThatThrownBy(() -> Outcome.of("done")).hasMessageContaining("completed, stopped, interrupted, deadline, error");
        assertThat(Verdict.ofExitCode(2)).isEqualTo(Verdict.FAIL);
        assertThat(Verdict.NO_VERDICT.exitCode()).isEqualTo(1);
    }
}
