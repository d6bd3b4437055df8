package dev.spotsim.cli.gameday;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spotsim.gameday.events.EventQueue;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.aws.AwsCalls;
import dev.spotsim.simulator.clock.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
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
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateActionInput;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateStopConditionInput;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateTargetInput;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Game day's event queue against the simulator with the real SqsClient, EventBridgeClient and FisClient: the rule
 * delivers FIS's rebalance recommendation and interruption warning at the times AWS documents, as IMDS shows them; the calls are
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

    /** Waits for an event of {@code detailType} and returns everything read meanwhile. */
    private static List<EventQueue.Event> awaitEvent(EventQueue queue, String detailType) {
        List<EventQueue.Event> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            seen.addAll(queue.poll());
            return seen.stream().anyMatch(e -> e.detailType().equals(detailType));
        });
        return seen;
    }

    private String imds(String instanceId, String path) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = sim.imdsEndpoint(instanceId);
        String token = http.send(HttpRequest.newBuilder(URI.create(base + "/latest/api/token")).header("X-aws-ec2-metadata-token-ttl-seconds", "60")
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/latest/meta-data/" + path))
                .header("X-aws-ec2-metadata-token", token).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? r.body() : "HTTP " + r.statusCode();
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
    void theQueueGetsFisRecommendationAndWarningAtTheirTimesAndIsDeletedAfterwards() throws Exception {
        EventQueue queue = EventQueue.create(sqs, events, "run-1");
        String victim = sim.instances().get(0).instanceId();
        clock.advance(Duration.ofSeconds(7));
        try (FisClient fis = at(FisClient.builder()).httpClient(UrlConnectionHttpClient.create()).build()) {
            String template = fis.createExperimentTemplate(b -> b.description("spot").roleArn("arn:aws:iam::123456789012:role/fis")
                    .stopConditions(CreateExperimentTemplateStopConditionInput.builder().source("none").build())
                    .targets(Map.of("spot", CreateExperimentTemplateTargetInput.builder().resourceType("aws:ec2:spot-instance")
                            .resourceArns("arn:aws:ec2:us-east-1:" + sim.instances().get(0).identity().accountId() + ":instance/" + victim)
                            .selectionMode("ALL").build()))
                    .actions(Map.of("interrupt", CreateExperimentTemplateActionInput.builder().actionId("aws:ec2:send-spot-instance-interruptions")
                            .parameters(Map.of("durationBeforeInterruption", "PT3M")).targets(Map.of("SpotInstances", "spot")).build())))
                    .experimentTemplate().id();
            fis.startExperiment(b -> b.experimentTemplateId(template));
        }
        List<EventQueue.Event> seen = new ArrayList<>(awaitEvent(queue, "EC2 Instance Rebalance Recommendation"));
        assertThat(imds(victim, "spot/instance-action")).as("no notice before start + PT3M - 2 minutes").isEqualTo("HTTP 404");

        clock.advance(Duration.ofMinutes(1));
        seen.addAll(awaitEvent(queue, "EC2 Spot Instance Interruption Warning"));

        assertThat(seen).filteredOn(e -> e.detailType().equals("EC2 Instance Rebalance Recommendation")).singleElement()
                .satisfies(e -> assertThat(e.time()).isEqualTo(T0.plusSeconds(7)));
        assertThat(seen).filteredOn(e -> e.detailType().equals("EC2 Spot Instance Interruption Warning")).singleElement()
                .satisfies(e -> assertThat(e.time()).isEqualTo(T0.plusSeconds(67)));
        assertThat(seen).allSatisfy(e -> assertThat(e.instanceId()).isEqualTo(victim));
        // IMDS agrees: the notice is there now, for the action at start + PT3M.
        assertThat(imds(victim, "spot/instance-action")).contains("terminate", "2026-11-29T10:03:07Z");
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
