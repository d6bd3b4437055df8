package dev.spotsim.reports.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.reports.record.Measures;
import dev.spotsim.reports.record.PhaseStats;
import dev.spotsim.reports.record.SloResult;
import dev.spotsim.scenarios.model.Slo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelativeSloEvaluationTest {
    private static final Slo P95_WITHIN_TEN_PERCENT = Slo.parse("drainTime.p95", "<= baseline + 10%");

    @Test
    void aDrainFortyPercentSlowerThanTheBaselineBreaksTheSloEvenBelowAnyFixedThreshold() {
        SloResult r = SloEvaluator.evaluate(List.of(P95_WITHIN_TEN_PERCENT), drains(4.9), drains(3.5)).get(0);

        assertThat(r.holds()).isFalse();
        assertThat(r.message()).isEqualTo("drainTime.p95 = 4.9s, expected <= baseline + 10% (baseline 3.5s, limit 3.9s)");
        assertThat(SloEvaluator.exitCode(true, List.of(r))).isEqualTo(2);
    }

    @Test
    void aDrainWithinTenPercentHolds() {
        SloResult r = SloEvaluator.evaluate(List.of(P95_WITHIN_TEN_PERCENT), drains(3.8), drains(3.5)).get(0);

        assertThat(r.holds()).isTrue();
        assertThat(r.message()).startsWith("drainTime.p95 = 3.8s, within <= baseline + 10%");
    }

    @Test
    void withoutABaselineARelativeSloIsNoDataAndBreaksTheGate() {
        SloResult r = SloEvaluator.evaluate(List.of(P95_WITHIN_TEN_PERCENT), drains(3.0), null).get(0);

        assertThat(r.holds()).isFalse();
        assertThat(r.measuredText()).isEqualTo("no data");
        assertThat(r.message()).contains("no baseline run was given (--baseline PATH)");
    }

    @Test
    void aBaselineThatMeasuredNothingSaysSo() {
        SloResult r = SloEvaluator.evaluate(List.of(P95_WITHIN_TEN_PERCENT), drains(3.0), drains()).get(0);

        assertThat(r.holds()).isFalse();
        assertThat(r.message()).contains("the baseline run measured nothing for it");
    }

    private static Measures drains(double... seconds) {
        List<Duration> d = java.util.Arrays.stream(seconds).mapToObj(s -> Duration.ofMillis(Math.round(s * 1000))).toList();
        return new Measures(List.of(), d, 0, Map.of(), PhaseStats.empty(), Duration.ZERO, 2, 2);
    }
}
