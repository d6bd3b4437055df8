package dev.spotsim.simulator.imds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spotsim.simulator.RawHttp;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.clock.ManualClock;
import dev.spotsim.simulator.fleet.InterruptRequest;
import dev.spotsim.simulator.fleet.MaintenanceRequest;
import dev.spotsim.simulator.instance.InstanceIdentity;
import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.Interruption;
import dev.spotsim.simulator.instance.InterruptionAction;
import dev.spotsim.simulator.instance.MaintenanceEvent;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a workload polling IMDS sees through an interruption, a rebalance, maintenance, and the end. */
class SpotLifecycleOverImdsTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T12:00:00Z"));
    private SpotSim sim;
    private RawHttp imds;
    private String id;

    @BeforeEach
    void start() {
        // In a group, so autoscaling/target-lifecycle-state is there to follow.
        sim = SpotSim.builder().clock(clock)
                .instance(InstanceIdentity.generated(0, "c5.large", "us-east-1a", "spot").withAutoScalingGroup("web")).start();
        imds = new RawHttp(sim.imdsEndpoint());
        id = sim.firstInstanceId();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private int status(String path) {
        return imds.get(path).statusCode();
    }

    @Test
    void rebalanceRecommendationComesFirstThenTheNotice() {
        sim.interrupt(id, new InterruptRequest(null, null, Duration.ofSeconds(5), Duration.ofSeconds(30)));
        assertThat(status("/latest/meta-data/events/recommendations/rebalance")).isEqualTo(404);

        clock.advance(Duration.ofSeconds(5));
        assertThat(imds.get("/latest/meta-data/events/recommendations/rebalance").body())
                .isEqualTo("{\"noticeTime\": \"2026-01-01T12:00:05Z\"}");
        assertThat(status("/latest/meta-data/spot/instance-action")).isEqualTo(404);
        assertThat(sim.fleet().instance(id).state()).isEqualTo(InstanceState.REBALANCE_RECOMMENDED);

        clock.advance(Duration.ofSeconds(30));
        assertThat(imds.get("/latest/meta-data/spot/instance-action").body())
                .isEqualTo("{\"action\": \"terminate\", \"time\": \"2026-01-01T12:02:35Z\"}");
        assertThat(imds.get("/latest/meta-data/spot/").body().split("\n")).containsExactly("instance-action", "termination-time");
        assertThat(imds.get("/latest/meta-data/autoscaling/target-lifecycle-state").body()).isEqualTo("Terminated");
    }

    @Test
    void targetLifecycleStateIsInServiceWhileRunning() {
        assertThat(imds.get("/latest/meta-data/autoscaling/target-lifecycle-state").body()).isEqualTo("InService");
        assertThat(imds.get("/latest/meta-data/instance-action").body()).isEqualTo("none");
    }

    @Test
    void stopActionHasNoTerminationTimeAndEndsStopped() {
        sim.interrupt(id, new InterruptRequest(InterruptionAction.STOP, Duration.ofSeconds(30), null, null));
        assertThat(imds.get("/latest/meta-data/spot/instance-action").body())
                .isEqualTo("{\"action\": \"stop\", \"time\": \"2026-01-01T12:00:30Z\"}");
        assertThat(status("/latest/meta-data/spot/termination-time")).isEqualTo(404);
        assertThat(imds.get("/latest/meta-data/autoscaling/target-lifecycle-state").body()).isEqualTo("InService");

        clock.advance(Duration.ofSeconds(30));
        assertThat(sim.fleet().instance(id).state()).isEqualTo(InstanceState.STOPPING);
        clock.advance(Duration.ofSeconds(10));
        assertThat(sim.fleet().instance(id).state()).isEqualTo(InstanceState.STOPPED);
        awaitRefused();

        sim.fleet().start(id);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status("/latest/meta-data/instance-id")).isEqualTo(200));
        assertThat(status("/latest/meta-data/spot/instance-action")).as("a restarted instance has no pending action").isEqualTo(404);
    }

    @Test
    void hibernateGetsTheNoticeButNoTwoMinuteWarning() {
        Interruption plan = sim.interrupt(id, new InterruptRequest(InterruptionAction.HIBERNATE, null, Duration.ofSeconds(5), null));
        assertThat(plan.actionTime()).as("hibernation begins at the notice").isEqualTo(plan.noticeTime());
        assertThat(status("/latest/meta-data/spot/instance-action")).isEqualTo(404);
        clock.advance(Duration.ofSeconds(5));
        assertThat(sim.fleet().instance(id).state()).isEqualTo(InstanceState.STOPPING);
        assertThat(sim.fleet().instance(id).interruption().action()).isEqualTo(InterruptionAction.HIBERNATE);
        awaitRefused();
        clock.advance(Duration.ofSeconds(10));
        assertThat(sim.fleet().instance(id).state()).isEqualTo(InstanceState.STOPPED);
    }

    @Test
    void hibernateNoticeIsShownAsHibernateAtTheNoticeTime() {
        // The notice is visible only between the notice and the stop, which happen together: read the plan as IMDS would show it.
        Interruption plan = sim.interrupt(id, new InterruptRequest(InterruptionAction.HIBERNATE, Duration.ofMinutes(2), Duration.ofSeconds(3), null));
        assertThat(plan.noticeTime()).isEqualTo(Instant.parse("2026-01-01T12:00:03Z"));
        assertThat(plan.actionTime()).as("the requested two minutes do not apply to hibernate").isEqualTo(Instant.parse("2026-01-01T12:00:03Z"));
    }

    @Test
    void afterTheActionTheEndpointRefusesConnectionsUntilReset() {
        sim.interrupt(id, new InterruptRequest(null, Duration.ofSeconds(10), null, null));
        clock.advance(Duration.ofSeconds(9));
        assertThat(status("/latest/meta-data/instance-id")).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertThat(sim.fleet().instance(id).state()).isEqualTo(InstanceState.SHUTTING_DOWN);
        awaitRefused();
        clock.advance(Duration.ofSeconds(5));
        assertThat(sim.fleet().instance(id).state()).isEqualTo(InstanceState.TERMINATED);

        sim.fleet().reset(id);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status("/latest/meta-data/instance-id")).isEqualTo(200));
        assertThat(status("/latest/meta-data/spot/instance-action")).isEqualTo(404);
        assertThat(sim.fleet().instance(id).state()).isEqualTo(InstanceState.RUNNING);
    }

    private void awaitRefused() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatThrownBy(() -> imds.get("/latest/meta-data/instance-id"))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(ConnectException.class));
    }

    @Test
    void maintenanceEventsAreScheduledCanceledAndKeptInHistory() {
        assertThat(imds.get("/latest/meta-data/events/maintenance/scheduled").body()).isEqualTo("[]");
        MaintenanceEvent event = sim.fleet().scheduleMaintenance(id,
                new MaintenanceRequest("system-reboot", null, Instant.parse("2026-01-02T09:00:43Z"), Duration.ofMinutes(17)));
        String scheduled = imds.get("/latest/meta-data/events/maintenance/scheduled").body();
        assertThat(scheduled).contains("\"NotBefore\" : \"2 Jan 2026 09:00:43 GMT\"", "\"Code\" : \"system-reboot\"",
                "\"EventId\" : \"" + event.eventId() + "\"", "\"NotAfter\" : \"2 Jan 2026 09:17:43 GMT\"", "\"State\" : \"active\"");
        assertThat(scheduled).startsWith("[ {");

        sim.fleet().cancelMaintenance(id, event.eventId());
        assertThat(imds.get("/latest/meta-data/events/maintenance/scheduled").body()).isEqualTo("[]");
        assertThat(imds.get("/latest/meta-data/events/maintenance/history").body()).contains("\"State\" : \"canceled\"");
    }

    @Test
    void maintenanceCompletesWhenItsWindowEnds() {
        sim.fleet().scheduleMaintenance(id, new MaintenanceRequest("instance-reboot", null, clock.now().plusSeconds(60), Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(11));
        assertThat(imds.get("/latest/meta-data/events/maintenance/scheduled").body()).isEqualTo("[]");
        assertThat(imds.get("/latest/meta-data/events/maintenance/history").body()).contains("\"State\" : \"completed\"", "[Completed]");
    }
}
