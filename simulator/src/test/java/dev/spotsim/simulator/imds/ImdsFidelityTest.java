package dev.spotsim.simulator.imds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.simulator.RawHttp;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.clock.ManualClock;
import dev.spotsim.simulator.fleet.FleetException;
import dev.spotsim.simulator.fleet.InterruptRequest;
import dev.spotsim.simulator.instance.InstanceIdentity;
import dev.spotsim.simulator.instance.UserData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The metadata paths and shapes EC2 serves, and how it reads paths, over raw HTTP. */
class ImdsFidelityTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T12:00:00Z"));
    private SpotSim sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private RawHttp start(InstanceIdentity identity) {
        sim = SpotSim.builder().clock(clock).instance(identity).start();
        return new RawHttp(sim.imdsEndpoint());
    }

    private static InstanceIdentity spot() {
        return InstanceIdentity.generated(0, "c5.large", "us-east-1a", "spot");
    }

    /** The path exactly as written: java.net.URI would keep "//" too, but this makes the intent plain. */
    private HttpResponse<String> getExact(String path, String... headers) {
        return new RawHttp("http://127.0.0.1:" + sim.imdsPort(sim.firstInstanceId())).get(path, headers);
    }

    @Test
    void repeatedSlashesReadAsOneAsOnEc2() {
        start(spot());
        sim.interrupt();
        String id = sim.firstInstanceId();
        assertThat(getExact("//latest/meta-data/instance-id").body()).isEqualTo(id);
        assertThat(getExact("/latest//meta-data/instance-id").body()).isEqualTo(id);
        assertThat(getExact("/latest/meta-data//instance-id").body()).isEqualTo(id);
        assertThat(getExact("//latest//meta-data///spot//instance-action").body()).startsWith("{\"action\": \"terminate\"");
        assertThat(getExact("/latest/meta-data//").body()).as("a trailing slash still lists").isEqualTo(getExact("/latest/meta-data/").body());
        String token = getExactPut("//latest/api/token").body();
        assertThat(getExact("//latest/meta-data/instance-id", "X-aws-ec2-metadata-token", token).statusCode()).isEqualTo(200);
    }

    @Test
    void theJavaSdksEncodedSlashFromAnEndpointEndingInSlashReadsAsOne() {
        // Java SDK v2's Ec2MetadataClient with endpoint http://127.0.0.1:PORT/ sends PUT /%2Flatest/api/token (seen on the wire).
        start(spot());
        String token = getExactPut("/%2Flatest/api/token").body();
        assertThat(getExact("/%2Flatest/meta-data/instance-id", "X-aws-ec2-metadata-token", token).body()).isEqualTo(sim.firstInstanceId());
    }

    private HttpResponse<String> getExactPut(String path) {
        return new RawHttp("http://127.0.0.1:" + sim.imdsPort(sim.firstInstanceId()))
                .send("PUT", path, null, "X-aws-ec2-metadata-token-ttl-seconds", "60");
    }

    @Test
    void theAdvertisedEndpointEndsInASlashAndWorksJoinedEitherWay() {
        RawHttp imds = start(spot());
        String endpoint = sim.imdsEndpoint();
        assertThat(endpoint).isEqualTo("http://127.0.0.1:" + sim.imdsPort(sim.firstInstanceId()) + "/");
        // Some SDKs append "latest/api/token" to the value as it is, others "/latest/api/token".
        for (String joined : List.of(endpoint + "latest/api/token", endpoint + "/latest/api/token")) {
            HttpResponse<String> token = send("PUT", joined, "X-aws-ec2-metadata-token-ttl-seconds", "60");
            assertThat(token.statusCode()).as(joined).isEqualTo(200);
            assertThat(send("GET", joined.replace("api/token", "meta-data/instance-id"), "X-aws-ec2-metadata-token", token.body()).body())
                    .isEqualTo(sim.firstInstanceId());
        }
        assertThat(imds.get("/latest/meta-data/instance-id").body()).isEqualTo(sim.firstInstanceId());
    }

    private static HttpResponse<String> send(String method, String url, String... headers) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).headers(headers)
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void dynamicDataListsTheIdentityDocumentItsSignaturesAndMonitoring() {
        RawHttp imds = start(spot());
        assertThat(imds.get("/latest/dynamic/").body().split("\n")).containsExactly("fws/", "instance-identity/");
        assertThat(imds.get("/latest/dynamic/instance-identity/").body().split("\n"))
                .containsExactly("document", "pkcs7", "rsa2048", "signature");
        assertThat(imds.get("/latest/dynamic/fws/").body()).isEqualTo("instance-monitoring");
        assertThat(imds.get("/latest/dynamic/fws/instance-monitoring").body()).isEqualTo("disabled");
        for (String item : List.of("pkcs7", "rsa2048", "signature")) {
            String body = imds.get("/latest/dynamic/instance-identity/" + item).body();
            assertThat(body).as(item).matches("[A-Za-z0-9+/=\n]+").doesNotContain("-----");
            assertThat(body.split("\n")).as(item + " comes in 64-character lines").allMatch(line -> line.length() <= 64);
        }
    }

    @Test
    void networkInterfacesShowTheCardIndexAndThePublicAddressAssociation() {
        RawHttp imds = start(spot());
        String mac = imds.get("/latest/meta-data/mac").body();
        String base = "/latest/meta-data/network/interfaces/macs/" + mac + "/";
        String publicIp = imds.get("/latest/meta-data/public-ipv4").body();
        assertThat(imds.get(base).body().split("\n")).contains("network-card-index", "ipv4-associations/", "device-number");
        assertThat(imds.get(base + "network-card-index").body()).isEqualTo("0");
        assertThat(imds.get(base + "ipv4-associations/").body()).isEqualTo(publicIp);
        assertThat(imds.get(base + "ipv4-associations/" + publicIp).body()).isEqualTo(imds.get("/latest/meta-data/local-ipv4").body());
    }

    @Test
    void anInterfaceWithoutAPublicAddressHasNoAssociations() {
        InstanceIdentity g = spot();
        RawHttp imds = start(new InstanceIdentity(g.instanceId(), g.instanceType(), g.availabilityZone(), g.region(), g.lifecycle(),
                g.amiId(), g.accountId(), g.privateIpv4(), null, g.mac(), g.vpcId(), g.subnetId(), g.securityGroups(), g.iamRole(),
                null, g.tags(), null));
        String base = "/latest/meta-data/network/interfaces/macs/" + g.mac() + "/";
        assertThat(imds.get(base).body().split("\n")).contains("network-card-index").doesNotContain("ipv4-associations/");
        assertThat(imds.get(base + "ipv4-associations/").statusCode()).isEqualTo(404);
    }

    @Test
    void identityCredentialsAreServedApartFromTheRoleCredentials() throws Exception {
        RawHttp imds = start(spot());
        assertThat(imds.get("/latest/meta-data/identity-credentials/ec2/").body().split("\n")).containsExactly("info", "security-credentials/");
        JsonNode info = new ObjectMapper().readTree(imds.get("/latest/meta-data/identity-credentials/ec2/info").body());
        assertThat(info.get("Code").asText()).isEqualTo("Success");
        assertThat(info.get("AccountId").asText()).isEqualTo("123456789012");
        assertThat(imds.get("/latest/meta-data/identity-credentials/ec2/security-credentials/").body()).isEqualTo("ec2-instance");
        JsonNode creds = new ObjectMapper().readTree(imds.get("/latest/meta-data/identity-credentials/ec2/security-credentials/ec2-instance").body());
        assertThat(creds.fieldNames()).toIterable().containsExactly("Code", "LastUpdated", "Type", "AccessKeyId", "SecretAccessKey", "Token", "Expiration");
        JsonNode role = new ObjectMapper().readTree(imds.get("/latest/meta-data/iam/security-credentials/spotsim-instance-role").body());
        assertThat(creds.get("AccessKeyId").asText()).startsWith("ASIA").isNotEqualTo(role.get("AccessKeyId").asText());
    }

    @Test
    void userDataIsServedByteForByteAsOctetStream() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("#cloud-config\nruncmd: [echo hi]\n".getBytes(StandardCharsets.UTF_8));
        }
        byte[] data = gz.toByteArray();
        InstanceIdentity g = spot();
        start(new InstanceIdentity(g.instanceId(), g.instanceType(), g.availabilityZone(), g.region(), g.lifecycle(), g.amiId(),
                g.accountId(), g.privateIpv4(), g.publicIpv4(), g.mac(), g.vpcId(), g.subnetId(), g.securityGroups(), g.iamRole(),
                null, g.tags(), new UserData(data)));
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.imdsEndpoint() + "latest/user-data")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(r.body()).isEqualTo(data);
        assertThat(new RawHttp(sim.imdsEndpoint()).get("/latest/").body().split("\n")).containsExactly("dynamic/", "meta-data/", "user-data");
    }

    @Test
    void targetLifecycleStateExistsOnlyInAnAutoScalingGroup() {
        RawHttp alone = start(spot());
        assertThat(alone.get("/latest/meta-data/autoscaling/target-lifecycle-state").statusCode()).isEqualTo(404);
        assertThat(alone.get("/latest/meta-data/").body().split("\n")).doesNotContain("autoscaling/");
        sim.close();
        RawHttp grouped = start(spot().withAutoScalingGroup("web"));
        assertThat(grouped.get("/latest/meta-data/").body().split("\n")).contains("autoscaling/");
        assertThat(grouped.get("/latest/meta-data/autoscaling/target-lifecycle-state").body()).isEqualTo("InService");
    }

    @Test
    void onDemandInstancesGetNoRebalanceRecommendation() {
        start(InstanceIdentity.generated(0, "c5.large", "us-east-1a", "on-demand"));
        String id = sim.firstInstanceId();
        assertThatThrownBy(() -> sim.fleet().recommendRebalance(id, Duration.ZERO))
                .isInstanceOfSatisfying(FleetException.class, e -> assertThat(e.getMessage()).contains("Spot Instances only"));
        assertThatThrownBy(() -> sim.interrupt(id, InterruptRequest.awsDefault())).isInstanceOf(FleetException.class);
        assertThat(new RawHttp(sim.imdsEndpoint()).get("/latest/meta-data/events/recommendations/rebalance").statusCode()).isEqualTo(404);
    }

    @Test
    void theNoticeTimeIsTheActionTimeAndStaysPutAcrossPolls() {
        RawHttp imds = start(spot());
        sim.interrupt(sim.firstInstanceId(), new InterruptRequest(null, null, null, null));
        String first = imds.get("/latest/meta-data/spot/instance-action").body();
        assertThat(first).isEqualTo("{\"action\": \"terminate\", \"time\": \"2026-01-01T12:02:00Z\"}");
        clock.advance(Duration.ofSeconds(61));
        assertThat(imds.get("/latest/meta-data/spot/instance-action").body()).isEqualTo(first);
        assertThat(Map.of("t", imds.get("/latest/meta-data/spot/termination-time").body())).containsEntry("t", "2026-01-01T12:02:00Z");
    }
}
