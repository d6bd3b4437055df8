package dev.spotsim.gameday.fis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotsim.gameday.aws.AwsClients;
import dev.spotsim.gameday.fake.FakeAws;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FisExperimentsTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/spotsim-fis";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeAws aws = new FakeAws();
    private final AwsClients clients = AwsClients.create(aws.settings());
    private final FisExperiments fis = new FisExperiments(clients.fis());

    @AfterEach
    void close() {
        clients.close();
        aws.close();
    }

    private static List<String> arns(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> String.format("arn:aws:ec2:us-east-1:123456789012:instance/i-0%016x", i)).toList();
    }

    private static FisTemplate template(int instances, List<String> alarms) {
        return new FisTemplate("spotsim test", arns(instances), Duration.ofMinutes(2), ROLE, alarms,
                Map.of("spotsim:run-id", "run-1", "Name", "spotsim-run-1-step-1"));
    }

    @Test
    void createsATemplateWithAtMostFiveArnsPerTargetAndOneActionEach() throws Exception {
        FisTemplate template = template(7, List.of("arn:aws:cloudwatch:us-east-1:123456789012:alarm:api-5xx"));

        String id = fis.createTemplate(template);

        assertThat(id).startsWith("EXT");
        assertThat(aws.fisCalls()).containsExactly("POST /experimentTemplates");
        JsonNode body = JSON.readTree(FakeAws.received(aws.fisServer).get(0).getBodyAsString());
        assertThat(body.path("clientToken").asText()).isNotBlank();
        assertThat(body.at("/targets/SpotInstances-1/resourceType").asText()).isEqualTo("aws:ec2:spot-instance");
        assertThat(body.at("/targets/SpotInstances-1/selectionMode").asText()).isEqualTo("ALL");
        assertThat(body.at("/targets/SpotInstances-1/resourceArns")).hasSize(5);
        assertThat(body.at("/targets/SpotInstances-2/resourceArns")).hasSize(2);
        assertThat(body.at("/actions/interrupt-2/actionId").asText()).isEqualTo("aws:ec2:send-spot-instance-interruptions");
        assertThat(body.at("/actions/interrupt-2/parameters/durationBeforeInterruption").asText()).isEqualTo("PT2M");
        assertThat(body.at("/actions/interrupt-2/targets/SpotInstances").asText()).isEqualTo("SpotInstances-2");
        assertThat(body.at("/stopConditions/0/source").asText()).isEqualTo("aws:cloudwatch:alarm");
        assertThat(body.at("/roleArn").asText()).isEqualTo(ROLE);
        assertThat(body.at("/tags/spotsim:run-id").asText()).isEqualTo("run-1");
        // What the dry run prints is what was sent.
        ((ObjectNode) body).remove("clientToken");
        assertThat(body).isEqualTo(JSON.readTree(template.toJson()));
    }

    @Test
    void withoutAlarmsTheStopConditionIsNone() throws Exception {
        fis.createTemplate(template(1, List.of()));

        JsonNode body = JSON.readTree(FakeAws.received(aws.fisServer).get(0).getBodyAsString());
        assertThat(body.path("stopConditions")).hasSize(1);
        assertThat(body.at("/stopConditions/0/source").asText()).isEqualTo("none");
        assertThat(body.at("/stopConditions/0/value").isMissingNode()).isTrue();
    }

    @Test
    void followsAnExperimentFromInitiatingToCompleted() {
        String templateId = fis.createTemplate(template(1, List.of()));

        Experiment started = fis.start(templateId, Map.of("spotsim:run-id", "run-1"));
        assertThat(started.status()).isEqualTo(ExperimentStatus.INITIATING);
        assertThat(started.templateId()).isEqualTo(templateId);
        assertThat(fis.get(started.id()).status()).isEqualTo(ExperimentStatus.RUNNING);
        aws.clock.pause(Duration.ofMinutes(2), new java.util.concurrent.CountDownLatch(1));
        Experiment done = fis.get(started.id());

        assertThat(done.status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(done.status().isFinal()).isTrue();
        assertThat(done.endTime()).isNotNull();
        assertThat(aws.fisCalls()).containsExactly("POST /experimentTemplates", "POST /experiments", "GET /experiments/" + started.id(),
                "GET /experiments/" + started.id());
        assertThat(FakeAws.received(aws.fisServer).get(1).getBodyAsString()).contains("\"experimentTemplateId\":\"" + templateId + "\"",
                "\"spotsim:run-id\":\"run-1\"");
    }

    @Test
    void stopIsADeleteOfTheExperimentAndEndsStopped() {
        Experiment started = fis.start(fis.createTemplate(template(1, List.of())), Map.of());

        assertThat(fis.stop(started.id()).status()).isEqualTo(ExperimentStatus.STOPPING);
        aws.clock.pause(Duration.ofSeconds(10), new java.util.concurrent.CountDownLatch(1));
        assertThat(fis.get(started.id()).status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(aws.fisCalls()).contains("DELETE /experiments/" + started.id());
    }

    @Test
    void deletingATemplateTwiceReportsItGone() {
        String id = fis.createTemplate(template(1, List.of()));

        assertThat(fis.deleteTemplate(id)).isTrue();
        assertThat(fis.deleteTemplate(id)).isFalse();
        assertThat(aws.fisCalls()).containsExactly("POST /experimentTemplates", "DELETE /experimentTemplates/" + id,
                "DELETE /experimentTemplates/" + id);
        assertThat(aws.fis.templateIds()).isEmpty();
    }

    @Test
    void throttlingIsRetried() {
        aws.fisServer.stubFor(post(urlEqualTo("/experimentTemplates")).atPriority(1).inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("x-amzn-ErrorType", "ThrottlingException")
                        .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Rate exceeded\"}"))
                .willSetStateTo("once"));

        assertThat(fis.createTemplate(template(1, List.of()))).startsWith("EXT");
        assertThat(aws.fisCalls()).containsExactly("POST /experimentTemplates", "POST /experimentTemplates");
    }

    @Test
    void everyExperimentStateFisDocumentsIsKnownAndFourAreFinal() {
        List<String> wire = List.of("pending", "initiating", "running", "completed", "stopping", "stopped", "failed", "cancelled");

        assertThat(wire).allSatisfy(w -> assertThat(ExperimentStatus.of(w).wireName()).isEqualTo(w));
        assertThat(wire.stream().filter(w -> ExperimentStatus.of(w).isFinal())).containsExactly("completed", "stopped", "failed", "cancelled");
        assertThat(ExperimentStatus.of("rolling-back")).isEqualTo(ExperimentStatus.UNKNOWN);
        assertThat(ExperimentStatus.UNKNOWN.isFinal()).as("an unknown state keeps the poll going").isFalse();
    }

    @Test
    void durationBeforeInterruptionStaysWithinWhatFisAllows() {
        assertThatThrownBy(() -> new FisTemplate("d", arns(1), Duration.ofSeconds(90), ROLE, List.of(), Map.of()))
                .hasMessageContaining("PT2M..PT15M");
        assertThatThrownBy(() -> new FisTemplate("d", arns(1), Duration.ofMinutes(16), ROLE, List.of(), Map.of()))
                .hasMessageContaining("PT2M..PT15M");
        assertThat(new FisTemplate("d", arns(1), Duration.ofSeconds(150), ROLE, List.of(), Map.of()).toJson()).contains("\"PT2M30S\"");
    }
}
