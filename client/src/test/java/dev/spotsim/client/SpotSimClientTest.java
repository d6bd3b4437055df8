package dev.spotsim.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The typed client against a real simulator on a loopback port: every route of the control API, and its errors. */
class SpotSimClientTest {
    private static final String WARNING = "{\"detail-type\": [\"EC2 Spot Instance Interruption Warning\"]}";
    private final SimulatorFixture f = new SimulatorFixture();
    private final SpotSimClient client = f.client;
    private Thread follower;

    @AfterEach
    void stop() throws InterruptedException {
        f.close();
        if (follower != null) {
            follower.join(10_000);
        }
    }

    @Test
    void instancesAreReadInterruptedAndCancelledWithTypedValues() {
        String id = f.firstId();
        assertThat(client.health()).isEqualTo(new Health("ok", 4));
        assertThat(client.instances()).hasSize(4).allSatisfy(i -> assertThat(i.state()).isEqualTo("running"));
        Instance one = client.instance(id);
        assertThat(one.imdsEndpoint()).isEqualTo(f.sim.imdsEndpoint(id));
        assertThat(one.lifecycle()).isEqualTo("spot");

        Interruption plan = client.interrupt(id, InterruptRequest.awsDefault().withNotice(Duration.ofSeconds(30))
                .withRebalanceLead(Duration.ofSeconds(10)));
        assertThat(plan.action()).isEqualTo("terminate");
        assertThat(plan.rebalanceTime()).isEqualTo(SimulatorFixture.START);
        assertThat(plan.noticeTime()).isEqualTo(SimulatorFixture.START.plusSeconds(10));
        assertThat(plan.actionTime()).isEqualTo(SimulatorFixture.START.plusSeconds(40));
        assertThat(client.cancelInterruption(id).interruption()).isNull();
    }

    @Test
    void rebalanceMaintenanceMetadataOptionsFaultsResetAndStartEachAnswerTheirShape() {
        String id = f.sim.instances().get(1).instanceId();
        assertThat(client.rebalance(id, Duration.ofSeconds(5))).isEqualTo(new Rebalance(id, SimulatorFixture.START.plusSeconds(5)));

        Maintenance m = client.scheduleMaintenance(id, MaintenanceRequest.of("system-reboot"));
        assertThat(m.state()).isEqualTo("active");
        assertThat(m.notAfter()).isEqualTo(m.notBefore().plus(Duration.ofHours(2)));
        assertThat(client.cancelMaintenance(id, m.eventId()).state()).isEqualTo("canceled");

        assertThat(client.metadataOptions(id, MetadataOptions.tokensRequired(true)).metadataOptions())
                .isEqualTo(new MetadataOptions("required", "enabled", "disabled"));
        assertThat(client.faults(id, Faults.delay(Duration.ofMillis(250))).faults().delay()).isEqualTo(Duration.ofMillis(250));
        assertThat(client.faults(id, Faults.errors(503, 0.5)).faults()).isEqualTo(new Faults(Duration.ZERO, 503, 0.5, 0.0));
        assertThat(client.clearFaults(id).faults()).isEqualTo(new Faults(Duration.ZERO, 0, 0.0, 0.0));

        client.interrupt(id, InterruptRequest.awsDefault().withAction("stop").withNotice(Duration.ofSeconds(10)));
        f.clock.advance(Duration.ofSeconds(30));
        assertThat(client.instance(id).state()).isEqualTo("stopped");
        assertThat(client.start(id).state()).isEqualTo("running");
        assertThat(client.resetInstance(id).state()).isEqualTo("running");
    }

    @Test
    void theFleetIsScaledReclaimedRestoredAndInterruptedBySelection() {
        Fleet fleet = client.fleet();
        assertThat(fleet.groups()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("web");
            assertThat(g.desired()).isEqualTo(4);
            assertThat(g.strategy()).isEqualTo("diversified");
            assertThat(g.members()).hasSize(4);
        });
        assertThat(fleet.pools()).extracting(Fleet.Pool::pool).containsExactly("c5.large/us-east-1a", "m5.large/us-east-1b");
        assertThat(client.setDesiredCapacity("web", 5).desired()).isEqualTo(5);

        PoolReclaim reclaim = client.reclaimPool("c5.large/us-east-1a", new ReclaimRequest(null, Duration.ofSeconds(10), null, null));
        assertThat(reclaim.reclaimed()).isTrue();
        assertThat(reclaim.interrupted()).isPositive();
        assertThat(client.restorePool("c5.large/us-east-1a").reclaimed()).isFalse();

        InterruptionsResult now = client.interruptions(InterruptionsRequest.now(Selection.count(1).fromPool("m5.large/us-east-1b")));
        assertThat(now).isInstanceOfSatisfying(InterruptionsResult.Now.class, n -> assertThat(n.interrupted()).isEqualTo(1));
        InterruptionsResult later = client.interruptions(InterruptionsRequest.now(Selection.count(1)).after(Duration.ofMinutes(1)).withSeed(7));
        assertThat(later).isInstanceOfSatisfying(InterruptionsResult.Later.class, l -> {
            assertThat(l.scheduled().at()).isEqualTo(SimulatorFixture.START.plusSeconds(60));
            assertThat(l.scheduled().seed()).isEqualTo(7);
        });
        String scheduledId = ((InterruptionsResult.Later) later).scheduled().id();
        assertThat(client.scheduledInterruptions()).extracting(ScheduledInterruption::id).containsExactly(scheduledId);
        assertThat(client.cancelScheduledInterruption(scheduledId).id()).isEqualTo(scheduledId);
        assertThat(client.scheduledInterruptions()).isEmpty();
    }

    @Test
    void eventsAreListedFilteredAndFollowed() {
        List<Event> followed = new CopyOnWriteArrayList<>();
        follower = new Thread(() -> {
            try {
                client.followEvents(WARNING, followed::add);
            } catch (RuntimeException closed) {
                // The simulator closes at the end of the test and the stream with it.
            }
        });
        follower.start();
        // The live stream is a sink of its own: once it counts one client, what follows reaches the follower.
        await().atMost(Duration.ofSeconds(10)).until(() -> client.sinks().stream()
                .anyMatch(s -> s.name().equals("stream") && s.stats().path("clients").asInt() == 1));
        client.interrupt(f.firstId(), InterruptRequest.awsDefault());

        assertThat(client.events(null)).isNotEmpty();
        assertThat(client.events(WARNING)).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("aws.ec2");
            assertThat(e.detail().path("instance-id").asText()).isEqualTo(f.firstId());
            assertThat(e.time()).isEqualTo(SimulatorFixture.START);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> followed.size() == 1);
        assertThat(followed.get(0).detailType()).isEqualTo("EC2 Spot Instance Interruption Warning");
    }

    @Test
    void awsCallsAndThrottlesAreReadAndCleared() {
        try (SqsClient sqs = f.aws(SqsClient.builder())) {
            sqs.listQueues();
        }
        assertThat(client.awsCalls("sqs")).singleElement().satisfies(c -> assertThat(c.operation()).isEqualTo("ListQueues"));
        client.clearAwsCalls();
        assertThat(client.awsCalls(null)).isEmpty();

        assertThat(client.throttleAws("sqs", 2, List.of("ListQueues"))).containsExactly(new AwsThrottle("sqs", 2, List.of("ListQueues")));
        assertThat(client.awsFaults()).hasSize(1);
        client.clearAwsFaults();
        assertThat(client.awsFaults()).isEmpty();
    }

    @Test
    void refusalsCarryTheApisStatusCodeAndMessage() {
        assertThatThrownBy(() -> client.instance("i-0000000000000dead")).isInstanceOfSatisfying(ControlApiException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.error()).isEqualTo("not_found");
            assertThat(e.refused()).isTrue();
        });
        assertThatThrownBy(() -> client.start(f.firstId())).isInstanceOfSatisfying(ControlApiException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.getMessage()).contains("only a stopped instance can be started");
        });
        String root = f.sim.controlUrl().replace("/spotsim/v1", "");
        assertThatThrownBy(() -> SpotSimClient.connect(root).health()).isInstanceOf(ControlApiException.class)
                .hasMessageContaining("is the control URL the API root");
        assertThatThrownBy(() -> SpotSimClient.connect("http://127.0.0.1:9/spotsim/v1").health())
                .isInstanceOfSatisfying(ControlApiException.class, e -> assertThat(e.refused()).isFalse())
                .hasMessageContaining("cannot reach the simulator");
        assertThatThrownBy(() -> SpotSimClient.connect("localhost:1337")).isInstanceOf(IllegalArgumentException.class);
    }
}
