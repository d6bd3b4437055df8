package dev.spotsim.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class PerSecondRecorderTest {
    private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:10.400Z");
    private final PerSecondRecorder recorder = new PerSecondRecorder();

    @Test
    void bucketsRequestsByTheSecondTheyFinishedIn() {
        record("home", "00:00:10.500", 20, null);
        record("home", "00:00:10.999", 40, "503");
        record("api", "00:00:11.000", 30, null);
        record("api", "00:00:13.200", 5000, "timeout");

        List<SecondFigures> rows = recorder.seconds(ORIGIN);

        assertThat(rows).extracting(SecondFigures::second).containsExactly(0L, 1L, 2L, 3L);
        assertThat(rows).extracting(SecondFigures::start).containsExactly(Instant.parse("2026-01-01T00:00:10Z"),
                Instant.parse("2026-01-01T00:00:11Z"), Instant.parse("2026-01-01T00:00:12Z"), Instant.parse("2026-01-01T00:00:13Z"));
        assertThat(rows.get(0).figures()).isEqualTo(new Figures(2, 1, Map.of("503", 1L), ms(20), ms(20), ms(20)));
        assertThat(rows.get(1).figures()).isEqualTo(new Figures(1, 0, Map.of(), ms(30), ms(30), ms(30)));
        assertThat(rows.get(2).figures()).isEqualTo(Figures.NONE);
        // Percentiles are of successful requests only: a second of nothing but failures has none.
        assertThat(rows.get(3).figures()).isEqualTo(new Figures(1, 1, Map.of("timeout", 1L), null, null, null));
        assertThat(recorder.requestsByName()).containsExactly(Map.entry("api", 2L), Map.entry("home", 2L));
    }

    @Test
    void leavesOutRequestsFinishedBeforeTheOriginsSecond() {
        record("home", "00:00:09.900", 10, null);
        record("home", "00:00:10.100", 10, null);

        assertThat(recorder.seconds(ORIGIN)).singleElement().satisfies(row -> assertThat(row.figures().requests()).isEqualTo(1));
        assertThat(recorder.seconds(ORIGIN.plusSeconds(5))).isEmpty();
        assertThat(recorder.total().requests()).isEqualTo(2);
    }

    @Test
    void spansMergeTheirSecondsPercentilesExactly() {
        // Second 10: 99 fast requests; second 11: one slow one. The span's p99 is not an average of the seconds' p99s.
        IntStream.range(0, 99).forEach(i -> record("home", "00:00:10.500", 10, null));
        record("home", "00:00:11.500", 1000, null);
        record("home", "00:00:11.600", 0, "connection-refused");

        Figures span = recorder.over(Instant.parse("2026-01-01T00:00:10Z"), Instant.parse("2026-01-01T00:00:12Z"));

        assertThat(span.requests()).isEqualTo(101);
        assertThat(span.failuresByCause()).containsExactly(Map.entry("connection-refused", 1L));
        assertThat(span.p50()).isEqualTo(ms(10));
        assertThat(span.p99()).isEqualTo(ms(10));
        assertThat(recorder.over(Instant.parse("2026-01-01T00:00:11Z"), Instant.parse("2026-01-01T00:00:12Z")).p50()).isEqualTo(ms(1000));
        assertThat(recorder.over(Instant.parse("2026-01-01T00:00:12Z"), Instant.parse("2026-01-01T00:00:12Z"))).isEqualTo(Figures.NONE);
    }

    @Test
    void recordsFromManyThreadsWithoutLosingAny() throws Exception {
        List<Thread> threads = IntStream.range(0, 4).mapToObj(t -> new Thread(() ->
                IntStream.range(0, 10_000).forEach(i -> record("home", "00:00:1" + (i % 3) + ".000", i % 50, i % 10 == 0 ? "503" : null))))
                .toList();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        Figures total = recorder.total();
        assertThat(total.requests()).isEqualTo(40_000);
        assertThat(total.failuresByCause()).containsExactly(Map.entry("503", 4_000L));
        assertThat(recorder.seconds(Instant.parse("2026-01-01T00:00:10Z")).stream().mapToLong(row -> row.figures().requests()).sum())
                .isEqualTo(40_000);
    }

    private void record(String name, String endTime, long latencyMillis, String cause) {
        Instant end = Instant.parse("2026-01-01T" + endTime + "Z");
        recorder.onRequest(new RequestOutcome(name, end.minusMillis(latencyMillis), end, cause == null ? 200 : 0, cause));
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
