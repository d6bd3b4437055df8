package dev.spotsim.cli.gameday;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spotsim.gameday.events.EventQueue;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.aws.AwsCalls;
import dev.spotsim.simulator.clock.ManualClock;
import dev.spotsim.simulator.fleet.InterruptRequest;
import dev.spotsim.simulator.instance.InterruptionAction;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Game day's event queue against the simulator with the real SqsClient and EventBridgeClient: the rule delivers the
 * rebalance recommendation and the interruption warning of an interrupted instance at their times, the run's calls are
 * exactly the IAM actions the policy grants for it, and deleting leaves no rule and no queue.
 */
class EventQueueOnSimulatorTest {
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private ManualClock clock;
    private SpotSim sim;
    private SqsClient sqs;
    private EventBridgeClient events;

    private <B extends AwsClientBuilder<B, ?>> B at(B builder) {
        return builder.endpointOverride(URI.create("http://127.0.0.1:" + sim.controlPort())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSPOTSIMTEST00001", "fake")));
    }

    @BeforeEach
    void start() {
        clock = new ManualClock(T0);
        sim = SpotSim.builder().clock(clock).instances(2).start();
        sqs = at(SqsClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        events = at(EventBridgeClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterEach
    void stop() {
        sqs.close();
        events.close();
        sim.close();
    }

    @Test
    void theQueueGetsTheWarningAndRecommendationAtTheirTimesAndIsDeletedAfterwards() {
        EventQueue queue = EventQueue.create(sqs, events, "run-1");
        String victim = sim.instances().get(0).instanceId();
        clock.advance(Duration.ofSeconds(7));
        sim.fleet().recommendRebalance(victim, Duration.ZERO);
        sim.fleet().interrupt(victim, new InterruptRequest(InterruptionAction.TERMINATE, InterruptRequest.AWS_NOTICE, Duration.ZERO, Duration.ZERO));

        List<EventQueue.Event> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            seen.addAll(queue.poll());
            return seen.stream().anyMatch(e -> e.detailType().equals("EC2 Spot Instance Interruption Warning"));
        });

        assertThat(seen).extracting(EventQueue.Event::detailType).contains("EC2 Instance Rebalance Recommendation",
                "EC2 Spot Instance Interruption Warning");
        assertThat(seen).allSatisfy(e -> {
            assertThat(e.instanceId()).isEqualTo(victim);
            assertThat(e.time()).isEqualTo(T0.plusSeconds(7));
        });
        assertThat(queue.poll()).as("each message read once: deleted after reading").isEmpty();

        assertThat(queue.delete()).isEmpty();

        assertThat(events.listRules(b -> b.namePrefix("spotsim-")).rules()).isEmpty();
        assertThatThrownBy(() -> sqs.getQueueUrl(b -> b.queueName(queue.name()))).isInstanceOf(QueueDoesNotExistException.class);
        Set<String> called = sim.awsCalls().calls().stream().map((AwsCalls.Call c) -> c.service() + ":" + c.operation())
                .filter(a -> a.startsWith("sqs:") || a.startsWith("events:")).collect(Collectors.toCollection(TreeSet::new));
        called.remove("events:ListRules");
        called.remove("sqs:GetQueueUrl");
        assertThat(called).as("what gameday/iam/spotsim-gameday-policy.json grants for the queue").isEqualTo(new TreeSet<>(EventQueue.IAM_ACTIONS));
    }
}
