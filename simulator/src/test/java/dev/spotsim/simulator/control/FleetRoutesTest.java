package dev.spotsim.simulator.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.simulator.RawHttp;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.clock.ManualClock;
import dev.spotsim.scenarios.model.AllocationStrategy;
import dev.spotsim.simulator.fleet.GroupSpec;
import dev.spotsim.simulator.fleet.SpotPool;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fleet-wide control routes over HTTP, on a group of four across two pools. */
class FleetRoutesTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T12:00:00Z"));
    private final ObjectMapper json = new ObjectMapper();
    private SpotSim sim;
    private RawHttp api;

    @BeforeEach
    void start() {
        sim = SpotSim.builder().clock(clock).group(new GroupSpec("web", 4, AllocationStrategy.DIVERSIFIED, Duration.ZERO, false,
                List.of(new SpotPool("c5.large", "us-east-1a", 0.03, SpotPool.UNLIMITED),
                        new SpotPool("m5.large", "us-east-1b", 0.04, SpotPool.UNLIMITED)))).start();
        api = new RawHttp(sim.controlUrl());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private JsonNode send(String method, String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> r = api.send(method, path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expectedStatus);
        return json.readTree(r.body());
    }

    @Test
    void fleetShowsGroupsAndPools() throws Exception {
        JsonNode fleet = send("GET", "/fleet", null, 200);
        assertThat(fleet.get("groups").get(0).get("members")).hasSize(4);
        assertThat(fleet.get("groups").get(0).get("strategy").asText()).isEqualTo("diversified");
        assertThat(fleet.get("pools")).hasSize(2);
        assertThat(fleet.get("pools").get(0).get("used").asInt()).isEqualTo(2);
        assertThat(sim.instances()).allSatisfy(v -> assertThat(sim.imdsPort(v.instanceId())).isPositive());
    }

    @Test
    void reclaimInterruptsThePoolAndReplacementsGetTheirOwnImds() throws Exception {
        JsonNode r = send("POST", "/pools/c5.large/us-east-1a/reclaim", "{\"notice\": \"10s\"}", 202);
        assertThat(r.get("interrupted").asInt()).isEqualTo(2);
        assertThat(r.get("reclaimed").asBoolean()).isTrue();
        assertThat(sim.instances()).hasSize(6);
        String replacement = sim.instances().get(5).instanceId();
        RawHttp imds = new RawHttp(sim.imdsEndpoint(replacement));
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
                assertThat(imds.get("/latest/meta-data/placement/availability-zone").body()).isEqualTo("us-east-1b"));
        assertThat(send("POST", "/pools/c5.large/us-east-1a/restore", null, 200).get("reclaimed").asBoolean()).isFalse();
        assertThat(send("POST", "/pools/c5.large/us-east-1z/restore", null, 404).get("message").asText()).contains("no pool");
    }

    @Test
    void selectedInterruptionsRunNowOrLater() throws Exception {
        JsonNode now = send("POST", "/interruptions", "{\"select\": {\"count\": 1}, \"notice\": \"30s\", \"seed\": 3}", 202);
        assertThat(now.get("interrupted").asInt()).isEqualTo(1);
        JsonNode later = send("POST", "/interruptions", "{\"select\": {\"percent\": 50, \"from\": {\"az\": \"us-east-1b\"}}, \"delay\": \"1m\"}", 202);
        assertThat(later.get("at").asText()).isEqualTo("2026-01-01T12:01:00Z");
        assertThat(send("GET", "/interruptions/scheduled", null, 200).get("scheduled")).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(send("GET", "/interruptions/scheduled", null, 200).get("scheduled")).isEmpty();
        assertThat(sim.instances().stream().filter(v -> v.interruption() != null)).hasSize(2);
    }

    @Test
    void badSelectionsAndCapacitiesAre400() throws Exception {
        assertThat(send("POST", "/interruptions", "{}", 400).get("message").asText()).contains("select: required");
        assertThat(send("POST", "/interruptions", "{\"select\": {\"count\": 1, \"all\": true}}", 400).get("message").asText())
                .contains("only one of");
        assertThat(send("POST", "/interruptions", "{\"select\": {\"count\": 1}, \"at\": \"2026-01-01T13:00:00Z\", \"delay\": \"1m\"}", 400)
                .get("message").asText()).contains("not both");
        assertThat(send("PUT", "/groups/web/desired-capacity", "{\"desired\": -1}", 400).get("message").asText()).contains("desired");
        assertThat(send("PUT", "/groups/nope/desired-capacity", "{\"desired\": 1}", 404).get("message").asText()).contains("no group nope");
        assertThat(send("DELETE", "/interruptions/scheduled/sched-99", null, 404).get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void desiredCapacityChangesTheGroup() throws Exception {
        assertThat(send("PUT", "/groups/web/desired-capacity", "{\"desired\": 6}", 200).get("members")).hasSize(6);
        assertThat(sim.instances()).hasSize(6);
    }
}
