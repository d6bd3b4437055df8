package dev.spotsim.simulator.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The target health state machine and target picking, without any network. */
class TargetStateMachineTest {
    private static final HealthCheckSettings HC = HealthCheckSettings.albDefaults().withThresholds(3, 2);

    private static Target target(String id) {
        return new Target(id, "127.0.0.1", 1, null);
    }

    @Test
    void onePassMakesANewTargetHealthy() {
        Target t = target("a");
        assertThat(t.state()).isEqualTo(TargetState.INITIAL);
        assertThat(t.reason()).isEqualTo("Elb.InitialHealthChecking");
        assertThat(t.passed(HC)).isEqualTo(TargetState.HEALTHY);
        assertThat(t.reason()).isNull();
    }

    @Test
    void unhealthyAfterTheUnhealthyThresholdAndHealthyAgainAfterTheHealthyThreshold() {
        Target t = target("a");
        t.passed(HC);
        assertThat(t.failed(HC, "Target.Timeout")).isNull();
        assertThat(t.passed(HC)).as("a pass resets the failure count").isNull();
        assertThat(t.failed(HC, "Target.Timeout")).isNull();
        assertThat(t.failed(HC, "Target.ResponseCodeMismatch")).isEqualTo(TargetState.UNHEALTHY);
        assertThat(t.reason()).isEqualTo("Target.ResponseCodeMismatch");
        assertThat(t.passed(HC)).isNull();
        assertThat(t.passed(HC)).isNull();
        assertThat(t.failed(HC, "Target.Timeout")).as("a failure resets the pass count").isNull();
        assertThat(t.reason()).isEqualTo("Target.Timeout");
        assertThat(t.passed(HC)).isNull();
        assertThat(t.passed(HC)).isNull();
        assertThat(t.passed(HC)).isEqualTo(TargetState.HEALTHY);
    }

    @Test
    void aNewTargetFailingItsChecksGoesUnhealthy() {
        Target t = target("a");
        assertThat(t.failed(HC, "Target.FailedHealthChecks")).isNull();
        assertThat(t.failed(HC, "Target.FailedHealthChecks")).isEqualTo(TargetState.UNHEALTHY);
    }

    @Test
    void aDrainingTargetIgnoresChecks() {
        Target t = target("a");
        t.passed(HC);
        assertThat(t.drain()).isEqualTo(TargetState.DRAINING);
        assertThat(t.reason()).isEqualTo("Target.DeregistrationInProgress");
        assertThat(t.failed(HC, "Target.Timeout")).isNull();
        assertThat(t.failed(HC, "Target.Timeout")).isNull();
        assertThat(t.state()).isEqualTo(TargetState.DRAINING);
        assertThat(t.unused()).isEqualTo(TargetState.UNUSED);
    }

    @Test
    void pickingPrefersHealthyThenFailsOpenAndNeverPicksInitialOrDraining() {
        Target initial = target("initial");
        Target healthy = target("healthy");
        healthy.passed(HC);
        Target sick = target("sick");
        sick.failed(HC, "x");
        sick.failed(HC, "x");
        Target draining = target("draining");
        draining.passed(HC);
        draining.drain();
        TargetPicker picker = new TargetPicker(RoutingAlgorithm.ROUND_ROBIN);

        assertThat(picker.pick(List.of(initial, healthy, sick, draining))).isSameAs(healthy);
        assertThat(picker.pick(List.of(initial, sick, draining))).as("fail-open").isSameAs(sick);
        assertThat(picker.pick(List.of(initial, draining))).isNull();
        assertThat(TargetPicker.whyNone(List.of(initial, draining))).isEqualTo(ErrorCause.NO_HEALTHY_TARGETS);
        assertThat(TargetPicker.whyNone(List.of(draining))).isEqualTo(ErrorCause.NO_REGISTERED_TARGETS);
    }

    @Test
    void leastOutstandingPicksTheIdlestAndRotatesTies() {
        Target a = target("a");
        Target b = target("b");
        Target c = target("c");
        List<Target> all = List.of(a, b, c);
        all.forEach(t -> t.passed(HC));
        a.inFlight = 2;
        b.inFlight = 1;
        c.inFlight = 1;
        TargetPicker picker = new TargetPicker(RoutingAlgorithm.LEAST_OUTSTANDING_REQUESTS);
        assertThat(List.of(picker.pick(all), picker.pick(all), picker.pick(all), picker.pick(all)))
                .doesNotContain(a).contains(b, c);
    }

    @Test
    void errorCausesMapToAlbStatuses() {
        assertThat(ErrorCause.ofTargetFailure(new java.net.ConnectException("refused"), false)).isEqualTo(ErrorCause.TARGET_CONNECTION_ERROR);
        assertThat(ErrorCause.ofTargetFailure(new io.netty.channel.ConnectTimeoutException("slow"), false).status()).isEqualTo(504);
        assertThat(ErrorCause.ofTargetFailure(new java.util.concurrent.TimeoutException(), false).status()).isEqualTo(504);
        assertThat(ErrorCause.ofTargetFailure(new java.io.IOException("reset"), false)).isEqualTo(ErrorCause.TARGET_RESET);
        assertThat(ErrorCause.ofTargetFailure(new java.io.IOException("closed"), true)).isEqualTo(ErrorCause.DEREGISTRATION_DELAY_ELAPSED);
    }
}
