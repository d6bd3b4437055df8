package dev.spotsim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RelativeSloTest {
    @Test
    void aPercentageOverTheBaselineGrowsTheBaselinesFigure() {
        Slo slo = Slo.parse("drainTime.p95", "<= baseline + 10%");

        assertThat(slo.isRelative()).isTrue();
        assertThat(slo.operator()).isEqualTo(Slo.Operator.LE);
        assertThat(slo.relativeTo().threshold(10.0)).isCloseTo(11.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(slo.thresholdText()).isEqualTo("baseline + 10%");
    }

    @Test
    void aDurationOffsetAndAPlainBaselineAndALowerBoundParse() {
        assertThat(Slo.parse("drainTime.max", "< baseline + 5s").relativeTo().threshold(3)).isEqualTo(8.0);
        assertThat(Slo.parse("killedWorkloads", "<= baseline").relativeTo().threshold(2)).isEqualTo(2.0);
        Slo capacity = Slo.parse("healthyCapacity.minPercent", ">= baseline - 5%");
        assertThat(capacity.relativeTo().threshold(80)).isEqualTo(76.0);
        assertThat(capacity.thresholdText()).isEqualTo("baseline - 5%");
        assertThat(Slo.parse("failedRequests.count", "<= baseline + 3").thresholdText()).isEqualTo("baseline + 3");
    }

    @Test
    void absoluteThresholdsAreNotRelative() {
        assertThat(Slo.parse("drainTime.p95", "< 60s").isRelative()).isFalse();
    }

    @Test
    void aBadAmountNamesTheKeyAndWhatWasExpected() {
        assertThatThrownBy(() -> Slo.parse("drainTime.p95", "<= baseline + ten%"))
                .hasMessage("slos.drainTime.p95: expected \"baseline + N%\" or \"baseline + 5s\", got \"baseline + ten%\"");
        assertThatThrownBy(() -> Slo.parse("drainTime.p95", "<= baseline + -5%")).hasMessageContaining("expected \"baseline + N%\"");
        assertThatThrownBy(() -> Slo.parse("drainTime.p95", "<= baseline * 2")).hasMessageContaining("<= baseline + 10%");
    }

    @Test
    void aStopConditionCannotBeRelative() {
        String yaml = "targets: {autoScalingGroup: web}\nstopConditions: {healthyCapacity.minPercent: \">= baseline\"}\n";
        assertThatThrownBy(() -> new dev.spotsim.scenarios.parse.StructuredReader().read(yaml, "g.yaml", false, GamedaySpec.class))
                .hasMessageContaining("stopConditions.healthyCapacity.minPercent: a stop condition needs a fixed threshold");
    }
}
