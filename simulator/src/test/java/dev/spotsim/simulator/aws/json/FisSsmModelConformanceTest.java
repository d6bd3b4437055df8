package dev.spotsim.simulator.aws.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.clock.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every JSON member FIS and SSM answer with, checked against botocore's service models. Skipped
 * (with the reason) when python3-botocore is not installed, except on CI, where it must be.
 */
class FisSsmModelConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Members the installed botocore (1.29) predates; the FIS API reference lists them today. */
    private static final Map<String, Set<String>> FIS_NEWER = Map.of("ExperimentTemplate", Set.of("arn"), "Experiment", Set.of("arn"),
            "ExperimentSummary", Set.of("arn"), "ExperimentTemplateSummary", Set.of("arn"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static SpotSim sim;

    @BeforeAll
    static void start() {
        sim = SpotSim.builder().clock(new ManualClock(Instant.parse("2026-11-29T10:00:00Z"))).instances(2).start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static JsonModelChecker model(String service, Map<String, Set<String>> newer) throws Exception {
        JsonModelChecker checker = JsonModelChecker.load(service, newer);
        if (checker == null) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("python3-botocore must be installed on CI for the model conformance test");
            }
            Assumptions.abort("python3-botocore is not installed (apt-get install python3-botocore): no model to check against");
        }
        return checker;
    }

    private static JsonNode call(String method, String path, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.controlPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode ssm(String operation, String body) throws Exception {
        return call("POST", "/", Map.of("X-Amz-Target", "AmazonSSM." + operation, "Content-Type", "application/x-amz-json-1.1"), body);
    }

    private static JsonNode fis(String method, String path, String body) throws Exception {
        return call(method, path, Map.of("Content-Type", "application/json"), body);
    }

    @Test
    void ssmAnswersUseOnlyTheModelsMembersAndTypes() throws Exception {
        JsonModelChecker model = model("ssm", Map.of());
        String id = sim.firstInstanceId();
        JsonNode sent = ssm("SendCommand", "{\"InstanceIds\":[\"" + id + "\"],\"DocumentName\":\"AWS-RunShellScript\","
                + "\"Parameters\":{\"commands\":[\"echo hi\",\"echo err >&2\"]},\"Comment\":\"c\"}");
        assertThat(model.check("SendCommand", sent)).isEmpty();
        String commandId = sent.path("Command").path("CommandId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> ssm("GetCommandInvocation",
                "{\"CommandId\":\"" + commandId + "\",\"InstanceId\":\"" + id + "\"}").path("Status").asText().equals("Success"));
        assertThat(model.check("GetCommandInvocation", ssm("GetCommandInvocation", "{\"CommandId\":\"" + commandId + "\",\"InstanceId\":\"" + id + "\"}")))
                .isEmpty();
        assertThat(model.check("ListCommands", ssm("ListCommands", "{}"))).isEmpty();
        JsonNode invocations = ssm("ListCommandInvocations", "{\"CommandId\":\"" + commandId + "\",\"Details\":true}");
        assertThat(invocations.path("CommandInvocations").get(0).path("CommandPlugins").size()).isEqualTo(1);
        assertThat(model.check("ListCommandInvocations", invocations)).isEmpty();
        assertThat(model.check("CancelCommand", ssm("CancelCommand", "{\"CommandId\":\"" + commandId + "\"}"))).isEmpty();
    }

    @Test
    void fisAnswersUseOnlyTheModelsMembersAndTypes() throws Exception {
        JsonModelChecker model = model("fis", FIS_NEWER);
        String arn = "arn:aws:ec2:us-east-1:" + sim.instances().get(1).identity().accountId() + ":instance/" + sim.instances().get(1).instanceId();
        JsonNode created = fis("POST", "/experimentTemplates", "{\"clientToken\":\"c1\",\"description\":\"d\",\"roleArn\":\"arn:aws:iam::123456789012:role/fis\","
                + "\"stopConditions\":[{\"source\":\"none\"}],\"tags\":{\"k\":\"v\"},\"targets\":{\"spot\":{\"resourceType\":\"aws:ec2:spot-instance\","
                + "\"resourceArns\":[\"" + arn + "\"],\"selectionMode\":\"ALL\",\"filters\":[{\"path\":\"State.Name\",\"values\":[\"running\"]}]}},"
                + "\"actions\":{\"wait\":{\"actionId\":\"aws:fis:wait\",\"parameters\":{\"duration\":\"PT1M\"}},"
                + "\"interrupt\":{\"actionId\":\"aws:ec2:send-spot-instance-interruptions\",\"description\":\"x\",\"startAfter\":[\"wait\"],"
                + "\"parameters\":{\"durationBeforeInterruption\":\"PT2M\"},\"targets\":{\"SpotInstances\":\"spot\"}}}}");
        assertThat(model.check("CreateExperimentTemplate", created)).isEmpty();
        String template = created.path("experimentTemplate").path("id").asText();
        assertThat(model.check("GetExperimentTemplate", fis("GET", "/experimentTemplates/" + template, null))).isEmpty();
        assertThat(model.check("ListExperimentTemplates", fis("GET", "/experimentTemplates?maxResults=1", null))).isEmpty();
        assertThat(model.check("UpdateExperimentTemplate", fis("PATCH", "/experimentTemplates/" + template, "{\"description\":\"e\"}"))).isEmpty();
        JsonNode started = fis("POST", "/experiments", "{\"clientToken\":\"s1\",\"experimentTemplateId\":\"" + template + "\",\"tags\":{\"a\":\"b\"}}");
        assertThat(model.check("StartExperiment", started)).isEmpty();
        String experiment = started.path("experiment").path("id").asText();
        JsonNode running = fis("GET", "/experiments/" + experiment, null);
        assertThat(running.path("experiment").path("actions").path("wait").path("state").path("status").asText()).isEqualTo("running");
        assertThat(model.check("GetExperiment", running)).isEmpty();
        assertThat(model.check("ListExperiments", fis("GET", "/experiments", null))).isEmpty();
        assertThat(model.check("StopExperiment", fis("DELETE", "/experiments/" + experiment, null))).isEmpty();
        assertThat(model.check("DeleteExperimentTemplate", fis("DELETE", "/experimentTemplates/" + template, null))).isEmpty();
        // ListExperimentResolvedTargets is newer than the installed model: its members are the API reference's.
        JsonNode resolved = fis("GET", "/experiments/" + experiment + "/resolvedTargets", null).path("resolvedTargets").get(0);
        assertThat(resolved.fieldNames()).toIterable().containsExactlyInAnyOrder("resourceType", "targetName", "targetInformation");
    }

    @Test
    void theCheckerFindsUnknownMembersWrongTypesAndValuesOutsideAnEnum() throws Exception {
        JsonModelChecker model = model("fis", FIS_NEWER);
        JsonNode bad = JSON.readTree("{\"experiment\":{\"id\":1,\"state\":{\"status\":\"Running\"},\"startTime\":\"2026-11-29T10:00:00Z\","
                + "\"color\":\"red\"}}");
        assertThat(model.check("GetExperiment", bad)).containsExactlyInAnyOrder(
                "GetExperiment.experiment.id: expected a string, got NUMBER",
                "GetExperiment.experiment.state.status: Running is not in ExperimentStatus's enum "
                        + "[\"pending\",\"initiating\",\"running\",\"completed\",\"stopping\",\"stopped\",\"failed\"]",
                "GetExperiment.experiment.startTime: expected epoch seconds, got \"2026-11-29T10:00:00Z\"",
                "GetExperiment.experiment.color: Experiment has no such member");
    }
}
