package dev.spotsim.simulator.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.simulator.RawHttp;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.clock.ManualClock;
import dev.spotsim.simulator.instance.InstanceIdentity;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The control API over real HTTP: what it does, and how it refuses bad input. */
class ControlApiTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T12:00:00Z"));
    private final ObjectMapper json = new ObjectMapper();
    private SpotSim sim;
    private RawHttp api;
    private String id;

    @BeforeEach
    void start() {
        sim = SpotSim.builder().clock(clock).instances(2)
                .instance(InstanceIdentity.generated(7, "m5.large", "eu-west-1b", "on-demand")).start();
        api = new RawHttp(sim.controlUrl());
        id = sim.firstInstanceId();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private JsonNode body(HttpResponse<String> r) throws Exception {
        return json.readTree(r.body());
    }

    private HttpResponse<String> post(String path, String body) {
        return api.send("POST", path, body, "Content-Type", "application/json");
    }

    @Test
    void healthAndInstanceListing() throws Exception {
        assertThat(body(api.get("/health")).get("status").asText()).isEqualTo("ok");
        JsonNode instances = body(api.get("/instances")).get("instances");
        assertThat(instances).hasSize(3);
        JsonNode first = instances.get(0);
        assertThat(first.get("instanceId").asText()).isEqualTo(id);
        assertThat(first.get("state").asText()).isEqualTo("running");
        assertThat(first.get("imdsEndpoint").asText()).isEqualTo(sim.imdsEndpoint(id));
        assertThat(instances.get(2).get("region").asText()).isEqualTo("eu-west-1");
    }

    @Test
    void interruptPlansNoticeAndActionTimes() throws Exception {
        HttpResponse<String> r = post("/instances/" + id + "/interrupt", "{\"notice\": \"30s\", \"delay\": \"10s\", \"rebalanceLead\": \"5s\"}");
        assertThat(r.statusCode()).isEqualTo(202);
        JsonNode plan = body(r);
        assertThat(plan.get("action").asText()).isEqualTo("terminate");
        assertThat(plan.get("rebalanceTime").asText()).isEqualTo("2026-01-01T12:00:10Z");
        assertThat(plan.get("noticeTime").asText()).isEqualTo("2026-01-01T12:00:15Z");
        assertThat(plan.get("actionTime").asText()).isEqualTo("2026-01-01T12:00:45Z");
        assertThat(body(api.get("/instances/" + id)).get("interruption").get("actionTime").asText()).isEqualTo("2026-01-01T12:00:45Z");
    }

    @Test
    void anEmptyBodyInterruptsTheAwsWay() throws Exception {
        JsonNode plan = body(post("/instances/" + id + "/interrupt", ""));
        assertThat(plan.get("noticeTime").asText()).isEqualTo("2026-01-01T12:00:00Z");
        assertThat(plan.get("actionTime").asText()).isEqualTo("2026-01-01T12:02:00Z");
        assertThat(body(api.get("/instances/" + id)).get("state").asText()).isEqualTo("interruption-noticed");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed JSON|{\"notice\": |not valid",
        "unknown field|{\"noticePeriod\": \"2m\"}|unknown field \"noticePeriod\"",
        "bad duration|{\"notice\": \"2 minutes\"}|notice",
        "bare number|{\"notice\": 120}|notice",
        "bad action|{\"action\": \"explode\"}|expected one of terminate, stop, hibernate",
        "zero notice|{\"notice\": \"0s\"}|notice: expected a duration above 0s",
        "negative delay|{\"delay\": \"-5s\"}|delay",
        "not an object|[1, 2]|expected"
    })
    void badInterruptBodiesAre400WithAMessage(String name, String requestBody, String message) throws Exception {
        HttpResponse<String> r = post("/instances/" + id + "/interrupt", requestBody);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode error = body(r);
        assertThat(error.get("error").asText()).isEqualTo("bad_request");
        assertThat(error.get("message").asText()).contains(message);
        assertThat(body(api.get("/instances/" + id)).get("interruption").isNull()).as("nothing was planned").isTrue();
    }

    @Test
    void unknownInstancesAndRoutesAre404AndWrongMethods405() throws Exception {
        HttpResponse<String> unknown = post("/instances/i-0000000000000dead/interrupt", "{}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(body(unknown).get("message").asText()).contains("i-0000000000000dead");
        assertThat(api.get("/nope").statusCode()).isEqualTo(404);
        assertThat(body(api.get("/nope")).get("error").asText()).isEqualTo("not_found");
        assertThat(api.send("DELETE", "/health", null).statusCode()).isEqualTo(405);
    }

    @Test
    void aWrongMethodIs405WithTheMethodsTheRouteTableDeclaresForThePath() throws Exception {
        HttpResponse<String> faults = api.send("POST", "/instances/" + id + "/faults", "{}");
        assertThat(faults.statusCode()).isEqualTo(405);
        assertThat(faults.headers().firstValue("Allow")).hasValue("PUT, DELETE");
        assertThat(body(faults).get("error").asText()).isEqualTo("method_not_allowed");
        assertThat(api.send("GET", "/reset", null).headers().firstValue("Allow")).hasValue("POST");
        assertThat(api.send("PATCH", "/instances/" + id, "{}").headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void everyRouteIsDeclaredOnceInTheTable() {
        var routes = new ControlApi(sim.fleet(), i -> "", null).routes().routes();
        assertThat(routes).extracting(r -> r.method() + " " + r.path()).doesNotHaveDuplicates()
                .contains("GET /spotsim/v1/instances/:id", "POST /spotsim/v1/reset", "PUT /spotsim/v1/groups/:name/desired-capacity");
        assertThat(routes.stream().filter(r -> r.matches("/spotsim/v1/instances/i-1/maintenance/e-2")).map(r -> r.method().name()))
                .containsExactly("DELETE");
    }

    @Test
    void conflictsAre409() throws Exception {
        assertThat(post("/instances/" + id + "/interrupt", "{}").statusCode()).isEqualTo(202);
        HttpResponse<String> again = post("/instances/" + id + "/interrupt", "{}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(body(again).get("message").asText()).contains("already has an interruption");
        HttpResponse<String> withdraw = api.send("DELETE", "/instances/" + id + "/interruption", null);
        assertThat(withdraw.statusCode()).isEqualTo(409);
        assertThat(body(withdraw).get("message").asText()).contains("cannot be withdrawn");

        String onDemand = sim.instances().get(2).instanceId();
        HttpResponse<String> r = post("/instances/" + onDemand + "/interrupt", "{}");
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(body(r).get("message").asText()).contains("on-demand");
        assertThat(post("/instances/" + id + "/start", null).statusCode()).isEqualTo(409);
    }

    @Test
    void aPlannedInterruptionCanBeWithdrawnBeforeItsNotice() throws Exception {
        String second = sim.instances().get(1).instanceId();
        post("/instances/" + second + "/interrupt", "{\"delay\": \"1m\"}");
        assertThat(api.send("DELETE", "/instances/" + second + "/interruption", null).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(5));
        assertThat(body(api.get("/instances/" + second)).get("state").asText()).isEqualTo("running");
    }

    @Test
    void maintenanceCanBeScheduledAndCanceled() throws Exception {
        HttpResponse<String> created = post("/instances/" + id + "/maintenance", "{\"code\": \"instance-stop\", \"notBefore\": \"2026-01-03T00:00:00Z\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String eventId = body(created).get("eventId").asText();
        assertThat(api.send("DELETE", "/instances/" + id + "/maintenance/" + eventId, null).statusCode()).isEqualTo(200);
        assertThat(api.send("DELETE", "/instances/" + id + "/maintenance/" + eventId, null).statusCode()).isEqualTo(404);
        assertThat(post("/instances/" + id + "/maintenance", "{\"code\": \"reboot-please\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void faultsAndMetadataOptionsValidateTheirValues() throws Exception {
        assertThat(api.send("PUT", "/instances/" + id + "/faults", "{\"errorRate\": 2, \"errorStatus\": 503}").statusCode()).isEqualTo(400);
        assertThat(api.send("PUT", "/instances/" + id + "/faults", "{\"errorRate\": 0.5}").statusCode()).as("no status").isEqualTo(400);
        HttpResponse<String> ok = api.send("PUT", "/instances/" + id + "/faults", "{\"errorRate\": 0.5, \"errorStatus\": 503, \"delay\": \"50ms\"}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(body(ok).get("faults").get("delay").asText()).isEqualTo("50ms");
        assertThat(api.send("DELETE", "/instances/" + id + "/faults", null).statusCode()).isEqualTo(200);

        HttpResponse<String> bad = api.send("PUT", "/instances/" + id + "/metadata-options", "{\"httpTokens\": \"always\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(body(bad).get("message").asText()).contains("httpTokens: expected required or optional");
        HttpResponse<String> required = api.send("PUT", "/instances/" + id + "/metadata-options", "{\"httpTokens\": \"required\"}");
        assertThat(body(required).get("metadataOptions").get("httpTokens").asText()).isEqualTo("required");
        assertThat(new RawHttp(sim.imdsEndpoint()).get("/latest/meta-data/instance-id").statusCode()).isEqualTo(401);
    }

    @Test
    void aTooLargeBodyIsRefused() {
        HttpResponse<String> r = post("/instances/" + id + "/interrupt", "{\"action\": \"" + "x".repeat(70_000) + "\"}");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("body_too_large");
    }

    @Test
    void resetBringsATerminatedInstanceBack() throws Exception {
        post("/instances/" + id + "/interrupt", "{\"notice\": \"5s\"}");
        clock.advance(Duration.ofSeconds(30));
        assertThat(body(api.get("/instances/" + id)).get("state").asText()).isEqualTo("terminated");
        HttpResponse<String> reset = post("/instances/" + id + "/reset", null);
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(body(reset).get("state").asText()).isEqualTo("running");
    }
}
