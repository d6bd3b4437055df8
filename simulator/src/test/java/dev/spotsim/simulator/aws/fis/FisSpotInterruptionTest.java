package dev.spotsim.simulator.aws.fis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.aws.LocalAws;
import dev.spotsim.simulator.clock.ManualClock;
import dev.spotsim.simulator.events.Event;
import dev.spotsim.simulator.instance.InstanceState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateActionInput;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateStopConditionInput;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateTargetInput;
import software.amazon.awssdk.services.fis.model.Experiment;
import software.amazon.awssdk.services.fis.model.ExperimentActionStatus;
import software.amazon.awssdk.services.fis.model.ExperimentStatus;
import software.amazon.awssdk.services.fis.model.ResolvedTarget;

/**
 * FIS's Spot action end to end on a manual clock: the rebalance recommendation at the start, the
 * notice two minutes before durationBeforeInterruption ends, the interruption at its end, on the
 * selected instances only; IMDS and the event bus show each at its instant.
 */
class FisSpotInterruptionTest {
    static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private ManualClock clock;
    private SpotSim sim;
    private FisClient fis;

    @BeforeEach
    void start() {
        clock = new ManualClock(T0);
        sim = SpotSim.builder().clock(clock).instances(3).start();
        fis = LocalAws.client(FisClient.builder(), sim);
    }

    @AfterEach
    void stop() {
        fis.close();
        sim.close();
    }

    static String arn(SpotSim sim, int index) {
        var v = sim.instances().get(index);
        return "arn:aws:ec2:us-east-1:" + v.identity().accountId() + ":instance/" + v.instanceId();
    }

    static String spotTemplate(FisClient fis, List<String> arns, String duration) {
        return fis.createExperimentTemplate(b -> b.description("spot interruptions").roleArn("arn:aws:iam::123456789012:role/fis")
                .stopConditions(CreateExperimentTemplateStopConditionInput.builder().source("none").build())
                .targets(Map.of("spot", CreateExperimentTemplateTargetInput.builder().resourceType("aws:ec2:spot-instance")
                        .resourceArns(arns).selectionMode("ALL").build()))
                .actions(Map.of("interrupt", CreateExperimentTemplateActionInput.builder().actionId("aws:ec2:send-spot-instance-interruptions")
                        .parameters(Map.of("durationBeforeInterruption", duration)).targets(Map.of("SpotInstances", "spot")).build())))
                .experimentTemplate().id();
    }

    private String imds(String instanceId, String path) throws IOException, InterruptedException {
        String base = sim.imdsEndpoint(instanceId);
        String token = http.send(HttpRequest.newBuilder(URI.create(base + "/latest/api/token")).header("X-aws-ec2-metadata-token-ttl-seconds", "60")
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/latest/meta-data/" + path))
                .header("X-aws-ec2-metadata-token", token).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? r.body() : "HTTP " + r.statusCode();
    }

    private static Map<String, Object> json(String body) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readValue(body, new com.fasterxml.jackson.core.type.TypeReference<>() {
        });
    }

    private List<Event> events(String detailType, String instanceId) {
        return sim.events().recent().stream().filter(e -> e.detailType().equals(detailType))
                .filter(e -> e.detail().path("instance-id").asText().equals(instanceId)).toList();
    }

    @Test
    void theSpotActionRecommendsRebalanceAtOnceNoticesTwoMinutesBeforeAndInterruptsAtDurationBeforeInterruption() throws Exception {
        String first = sim.instances().get(0).instanceId();
        String second = sim.instances().get(1).instanceId();
        String untouched = sim.instances().get(2).instanceId();
        String template = spotTemplate(fis, List.of(arn(sim, 0), arn(sim, 1)), "PT5M");
        Experiment started = fis.startExperiment(b -> b.experimentTemplateId(template)).experiment();
        assertThat(started.state().status()).isEqualTo(ExperimentStatus.INITIATING);
        assertThat(started.state().reason()).isNotBlank();
        Experiment running = fis.getExperiment(b -> b.id(started.id())).experiment();
        assertThat(running.state().status()).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(running.startTime()).isEqualTo(T0);
        assertThat(running.actions().get("interrupt").state().status()).isEqualTo(ExperimentActionStatus.RUNNING);
        assertThat(fis.listExperimentResolvedTargets(b -> b.experimentId(started.id())).resolvedTargets())
                .extracting(ResolvedTarget::targetName, t -> t.targetInformation().get("arn"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("spot", arn(sim, 0)), org.assertj.core.groups.Tuple.tuple("spot", arn(sim, 1)));

        for (String id : List.of(first, second)) {
            assertThat(json(imds(id, "events/recommendations/rebalance"))).isEqualTo(Map.of("noticeTime", "2026-11-29T10:00:00Z"));
            assertThat(imds(id, "spot/instance-action")).isEqualTo("HTTP 404");
            assertThat(events("EC2 Instance Rebalance Recommendation", id)).singleElement().extracting(Event::time).isEqualTo(T0);
        }
        assertThat(imds(untouched, "events/recommendations/rebalance")).isEqualTo("HTTP 404");

        clock.advance(Duration.ofMinutes(3).minusSeconds(1));
        assertThat(imds(first, "spot/instance-action")).isEqualTo("HTTP 404");
        clock.advance(Duration.ofSeconds(1));
        for (String id : List.of(first, second)) {
            assertThat(json(imds(id, "spot/instance-action"))).isEqualTo(Map.of("action", "terminate", "time", "2026-11-29T10:05:00Z"));
            assertThat(events("EC2 Spot Instance Interruption Warning", id)).singleElement()
                    .satisfies(e -> assertThat(e.time()).isEqualTo(T0.plus(Duration.ofMinutes(3))))
                    .satisfies(e -> assertThat(e.detail().path("instance-action").asText()).isEqualTo("terminate"));
        }
        assertThat(fis.getExperiment(b -> b.id(started.id())).experiment().state().status()).isEqualTo(ExperimentStatus.RUNNING);

        clock.advance(Duration.ofMinutes(2).minusSeconds(1));
        assertThat(sim.fleet().instance(first).state()).isEqualTo(InstanceState.INTERRUPTION_NOTICED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(sim.fleet().instance(first).state()).isEqualTo(InstanceState.SHUTTING_DOWN);
        assertThat(sim.fleet().instance(second).state()).isEqualTo(InstanceState.SHUTTING_DOWN);
        assertThat(sim.fleet().instance(untouched).state()).isEqualTo(InstanceState.RUNNING);
        Experiment done = fis.getExperiment(b -> b.id(started.id())).experiment();
        assertThat(done.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(done.state().reason()).isEqualTo("Experiment completed.");
        assertThat(done.endTime()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(done.actions().get("interrupt").state().status()).isEqualTo(ExperimentActionStatus.COMPLETED);
        assertThat(done.actions().get("interrupt").endTime()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void withTwoMinutesTheRecommendationAndTheNoticeComeTogether() throws Exception {
        String id = sim.firstInstanceId();
        String template = spotTemplate(fis, List.of(arn(sim, 0)), "PT2M");
        fis.startExperiment(b -> b.experimentTemplateId(template));
        assertThat(json(imds(id, "events/recommendations/rebalance"))).isEqualTo(Map.of("noticeTime", "2026-11-29T10:00:00Z"));
        assertThat(json(imds(id, "spot/instance-action"))).isEqualTo(Map.of("action", "terminate", "time", "2026-11-29T10:02:00Z"));
        assertThat(imds(id, "spot/termination-time")).isEqualTo("2026-11-29T10:02:00Z");
    }

    @Test
    void stoppingBeforeTheNoticeWithdrawsTheInterruption() throws Exception {
        String id = sim.firstInstanceId();
        String template = spotTemplate(fis, List.of(arn(sim, 0)), "PT10M");
        String experiment = fis.startExperiment(b -> b.experimentTemplateId(template)).experiment().id();
        clock.advance(Duration.ofMinutes(1));
        Experiment stopped = fis.stopExperiment(b -> b.id(experiment)).experiment();
        assertThat(stopped.state().status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(stopped.actions().get("interrupt").state().status()).isEqualTo(ExperimentActionStatus.STOPPED);
        clock.advance(Duration.ofMinutes(15));
        assertThat(imds(id, "spot/instance-action")).isEqualTo("HTTP 404");
        assertThat(sim.fleet().instance(id).state().isUp()).isTrue();
        assertThat(fis.getExperiment(b -> b.id(experiment)).experiment().state().status()).isEqualTo(ExperimentStatus.STOPPED);
    }
}
