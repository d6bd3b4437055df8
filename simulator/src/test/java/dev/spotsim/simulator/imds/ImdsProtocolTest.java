package dev.spotsim.simulator.imds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.simulator.RawHttp;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.clock.ManualClock;
import dev.spotsim.simulator.instance.MetadataOptions;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The token service and every 4xx path, over raw HTTP so status codes and headers are visible. */
class ImdsProtocolTest {
    private static final String TTL = "X-aws-ec2-metadata-token-ttl-seconds";
    private static final String TOKEN = "X-aws-ec2-metadata-token";
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T12:00:00Z"));
    private SpotSim sim;
    private RawHttp imds;

    @BeforeEach
    void start() {
        sim = SpotSim.builder().clock(clock).start();
        imds = new RawHttp(sim.imdsEndpoint());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private void requireTokens() {
        sim.fleet().setMetadataOptions(sim.firstInstanceId(), new MetadataOptions(true, true, false));
    }

    @Test
    void tokenPutEchoesTheTtlAndAnswersAsEc2ws() {
        HttpResponse<String> r = imds.send("PUT", "/latest/api/token", null, TTL, "21600");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue(TTL)).contains("21600");
        assertThat(r.headers().firstValue("Server")).contains("EC2ws");
        assertThat(r.body()).isNotBlank().doesNotContain("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "21601", "-5", "sixty", ""})
    void tokenPutWithAnInvalidTtlIs400(String ttl) {
        HttpResponse<String> r = ttl.isEmpty()
                ? imds.send("PUT", "/latest/api/token", null)
                : imds.send("PUT", "/latest/api/token", null, TTL, ttl);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<title>400 - Bad Request</title>");
    }

    @Test
    void tokenPutThroughAProxyIs403() {
        HttpResponse<String> r = imds.send("PUT", "/latest/api/token", null, TTL, "60", "X-Forwarded-For", "203.0.113.9");
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void tokenPathOnlyTakesPut() {
        HttpResponse<String> get = imds.get("/latest/api/token");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("OPTIONS, PUT");
        assertThat(imds.send("POST", "/latest/meta-data/instance-id", "x").statusCode()).isEqualTo(405);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/2021-03-23/api/token", "/latest/api/token/", "/1.0/api/token", "//2021-03-23//api/token/"})
    void tokenPutAnywhereButLatestApiTokenIs403(String path) {
        HttpResponse<String> r = imds.send("PUT", path, null, TTL, "60");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("<title>403 - Forbidden</title>");
    }

    @Test
    void imdsV1WorksWhileTokensAreOptional() {
        HttpResponse<String> r = imds.get("/latest/meta-data/instance-id");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("text/plain");
        assertThat(r.body()).isEqualTo(sim.firstInstanceId());
    }

    @Test
    void requiredTokensRejectMissingAndUnknownTokensWith401() {
        requireTokens();
        assertThat(imds.get("/latest/meta-data/instance-id").statusCode()).isEqualTo(401);
        assertThat(imds.get("/latest/meta-data/instance-id", TOKEN, "AQAEAnot-a-real-token").statusCode()).isEqualTo(401);
        assertThat(imds.get("/latest/meta-data/instance-id", TOKEN, imds.token(60)).statusCode()).isEqualTo(200);
    }

    @Test
    void aBadTokenIsRejectedEvenWhenTokensAreOptional() {
        assertThat(imds.get("/latest/meta-data/instance-id", TOKEN, "garbage").statusCode()).isEqualTo(401);
    }

    @Test
    void tokensExpireAtTheirTtl() {
        requireTokens();
        String token = imds.token(60);
        clock.advance(Duration.ofSeconds(59));
        assertThat(imds.get("/latest/meta-data/instance-id", TOKEN, token).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> expired = imds.get("/latest/meta-data/instance-id", TOKEN, token);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).contains("<h1>401 - Unauthorized</h1>");
    }

    @Test
    void aTokenFromAnotherInstanceIsRejected() {
        try (SpotSim other = SpotSim.builder().clock(clock).instances(2).start()) {
            String otherToken = new RawHttp(other.imdsEndpoint(other.instances().get(1).instanceId())).token(60);
            requireTokens();
            assertThat(imds.get("/latest/meta-data/instance-id", TOKEN, otherToken).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void disabledEndpointAnswers403ToEverything() {
        sim.fleet().setMetadataOptions(sim.firstInstanceId(), new MetadataOptions(false, false, false));
        assertThat(imds.get("/latest/meta-data/instance-id").statusCode()).isEqualTo(403);
        assertThat(imds.send("PUT", "/latest/api/token", null, TTL, "60").statusCode()).isEqualTo(403);
    }

    @Test
    void unknownPathsAre404WithAwsErrorPage() {
        for (String path : new String[] {"/latest/meta-data/nope", "/latest/meta-data/instance-id/extra", "/2099-01-01/meta-data/",
                "/latest/meta-data/instance-id//extra", "/latest/user-data"}) {
            HttpResponse<String> r = imds.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).contains("<title>404 - Not Found</title>");
            assertThat(r.headers().firstValue("Content-Type")).as(path).contains("text/html");
        }
    }

    @Test
    void listingsShowCategoriesWithTrailingSlashesOnDirectories() {
        String root = imds.get("/latest/meta-data/").body();
        assertThat(root.split("\n")).contains("ami-id", "instance-id", "instance-life-cycle", "placement/", "network/", "iam/",
                "events/", "services/", "identity-credentials/").doesNotContain("spot/", "tags/", "autoscaling/");
        assertThat(imds.get("/latest/meta-data").body()).isEqualTo(root);
        assertThat(imds.get("/latest/").body().split("\n")).containsExactly("dynamic/", "meta-data/");
        assertThat(imds.get("/latest/meta-data/placement/").body().split("\n"))
                .containsExactly("availability-zone", "availability-zone-id", "region");
        assertThat(imds.get("/latest/meta-data/events/").body().split("\n")).containsExactly("maintenance/");
        String mac = imds.get("/latest/meta-data/mac").body();
        assertThat(imds.get("/latest/meta-data/network/interfaces/macs/").body()).isEqualTo(mac + "/");
        assertThat(imds.get("/latest/meta-data/network/interfaces/macs/" + mac + "/local-ipv4s").body())
                .isEqualTo(imds.get("/latest/meta-data/local-ipv4").body());
        assertThat(imds.get("/").body()).contains("latest", "2021-03-23");
        assertThat(imds.get("/2021-03-23/meta-data/instance-id").body()).isEqualTo(sim.firstInstanceId());
    }

    @Test
    void identityDocumentAndPlacementAgree() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(imds.get("/latest/dynamic/instance-identity/document").body());
        assertThat(doc.get("instanceId").asText()).isEqualTo(sim.firstInstanceId());
        assertThat(doc.get("region").asText()).isEqualTo(imds.get("/latest/meta-data/placement/region").body());
        assertThat(doc.get("availabilityZone").asText()).isEqualTo("us-east-1a");
        assertThat(doc.get("pendingTime").asText()).isEqualTo("2026-01-01T12:00:00Z");
        assertThat(doc.get("kernelId").isNull()).isTrue();
        assertThat(imds.get("/latest/meta-data/placement/availability-zone-id").body()).isEqualTo("use1-az1");
    }

    @Test
    void credentialsCarryAnExpirationAndRotateBeforeIt() throws Exception {
        String role = imds.get("/latest/meta-data/iam/security-credentials/").body();
        assertThat(role).isEqualTo("spotsim-instance-role");
        String first = imds.get("/latest/meta-data/iam/security-credentials/" + role).body();
        assertThat(first).contains("\"Code\" : \"Success\"");
        JsonNode c1 = new ObjectMapper().readTree(first);
        assertThat(c1.get("Expiration").asText()).isEqualTo("2026-01-01T18:00:00Z");
        assertThat(c1.get("LastUpdated").asText()).isEqualTo("2026-01-01T12:00:00Z");
        clock.advance(Duration.ofMinutes(61));
        JsonNode c2 = new ObjectMapper().readTree(imds.get("/latest/meta-data/iam/security-credentials/" + role).body());
        assertThat(c2.get("AccessKeyId").asText()).isNotEqualTo(c1.get("AccessKeyId").asText());
        assertThat(Instant.parse(c2.get("Expiration").asText())).isAfter(Instant.parse(c1.get("Expiration").asText()));
        JsonNode info = new ObjectMapper().readTree(imds.get("/latest/meta-data/iam/info").body());
        assertThat(info.get("InstanceProfileArn").asText()).isEqualTo("arn:aws:iam::123456789012:instance-profile/spotsim-instance-role");
    }

    @Test
    void tagsAreServedOnlyWhenEnabled() {
        assertThat(imds.get("/latest/meta-data/tags/instance/Name").statusCode()).isEqualTo(404);
        sim.fleet().setMetadataOptions(sim.firstInstanceId(), new MetadataOptions(false, true, true));
        assertThat(imds.get("/latest/meta-data/tags/instance/").body()).isEqualTo("Name");
        assertThat(imds.get("/latest/meta-data/tags/instance/Name").body()).isEqualTo("spotsim-0");
    }
}
