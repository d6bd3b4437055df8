package dev.spotsim.gatling.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FiguresTest {
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    private static LoadFigures generator(int seconds, int perSecond, long latencyMicros, int failEvery) {
        FiguresRecorder r = new FiguresRecorder();
        int n = 0;
        for (int s = 0; s < seconds; s++) {
            for (int i = 0; i < perSecond; i++) {
                n++;
                r.record(T0.plusSeconds(s).plusMillis(i), latencyMicros + (s * 7919L + i * 104_729L) % (latencyMicros / 10 + 1), failEvery > 0 && n % failEvery == 0 ? "502" : null);
            }
        }
        return r.figures(URI.create("http://127.0.0.1:8080"), T0, T0.plusSeconds(seconds));
    }

    @Test
    void twoGeneratorsMergeIntoOneLoadWithAddedCountsAndHistograms() {
        LoadFigures a = generator(10, 10, 2_000, 10);
        LoadFigures b = generator(10, 30, 40_000, 0);

        LoadFigures merged = Rebucketing.merge(List.of(a, b));

        assertThat(merged.generators()).isEqualTo(2);
        assertThat(merged.requests()).isEqualTo(400);
        assertThat(merged.failures()).isEqualTo(10);
        assertThat(merged.windows()).hasSize(10).allSatisfy(w -> assertThat(w.requests()).isEqualTo(40));
        // A quarter of the requests took 2 ms, the rest 40 ms: the merged median is 40 ms, not an average of medians.
        assertThat(merged.windows().get(0).p50Millis()).isBetween(39.0, 45.0);
        assertThat(Latencies.decode(merged.histogram()).getTotalCount()).isEqualTo(400);
    }

    @Test
    void aLongRunIsSqueezedIntoTheSsmBudgetWithExactTotals() {
        LoadFigures long_ = generator(900, 5, 15_000, 7);

        String whole = FiguresCodec.line(long_, Integer.MAX_VALUE);
        String line = FiguresCodec.line(long_, 6_000);
        LoadFigures back = FiguresCodec.fromOutput("some log\n" + line + "\n", "stdout").orElseThrow();

        assertThat(whole.length()).as("unsqueezed").isGreaterThan(6_000);
        assertThat(line.length()).isLessThanOrEqualTo(6_000);
        assertThat(back.windowSeconds()).isGreaterThan(1);
        assertThat(back.requests()).isEqualTo(long_.requests());
        assertThat(back.failures()).isEqualTo(long_.failures());
        assertThat(back.windows().stream().mapToLong(Window::requests).sum()).isEqualTo(4_500);
    }

    @Test
    void outputWithoutAFiguresLineHasNoFiguresAndACutLineIsAnError() {
        String line = FiguresCodec.line(generator(3, 2, 1_000, 0), 20_000);

        assertThat(FiguresCodec.fromOutput("hello\n", "i-1")).isEmpty();
        assertThatThrownBy(() -> FiguresCodec.fromOutput(line.substring(0, line.length() / 2), "i-1"))
                .hasMessageContaining("i-1").hasMessageContaining("24,000");
    }
}
