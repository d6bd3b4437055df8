package dev.spotsim.simulator.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.simulator.RawHttp;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The container credentials endpoint, read by the AWS SDK's own ContainerCredentialsProvider and by raw HTTP. */
class ContainerCredentialsServerTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/web-task";
    private final Vertx vertx = Vertx.vertx();
    private ContainerCredentialsServer server;

    @BeforeEach
    void start() {
        // Near the real time: the SDK refuses credentials that look expired on the wall clock.
        server = ContainerCredentialsServer.start(vertx, Clock.fixed(Instant.now(), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        System.clearProperty("aws.containerCredentialsFullUri");
        System.clearProperty("aws.containerAuthorizationToken");
        server.close();
        vertx.close();
    }

    private static ContainerCredentialsProvider sdkWith(String uri, String token) {
        System.setProperty("aws.containerCredentialsFullUri", uri);
        System.setProperty("aws.containerAuthorizationToken", token);
        return ContainerCredentialsProvider.builder().build();
    }

    @Test
    void anUnmodifiedSdkGetsTheTaskRoleCredentialsFromTheFullUriWithItsToken() {
        ContainerCredentialsServer.Grant grant = server.grant("task-1", ROLE);

        try (ContainerCredentialsProvider sdk = sdkWith(grant.fullUri(), grant.authorizationToken())) {
            AwsSessionCredentials credentials = (AwsSessionCredentials) sdk.resolveCredentials();
            assertThat(credentials.accessKeyId()).startsWith("ASIA").hasSize(20);
            assertThat(credentials.secretAccessKey()).hasSize(40);
            assertThat(credentials.sessionToken()).isNotBlank();
        }
        assertThat(grant.fullUri()).startsWith("http://127.0.0.1:" + server.port() + "/v2/credentials/");
        assertThat(grant.environment()).containsOnlyKeys("AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN");
    }

    @Test
    void theBodyHasTheAgentsMemberNamesIncludingTheRoleArn() {
        ContainerCredentialsServer.Grant grant = server.grant("task-1", ROLE);

        var answer = new RawHttp("http://127.0.0.1:" + server.port()).get("/v2/credentials/" + grant.id(), "Authorization", grant.authorizationToken());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(answer.body()).contains("\"AccessKeyId\":\"ASIA", "\"SecretAccessKey\":", "\"Token\":", "\"RoleArn\":\"" + ROLE + "\"")
                .containsPattern("\"Expiration\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\"");
    }

    @Test
    void aWrongOrMissingTokenAndAnUnknownOrRevokedUriAreRefusedWithAMessage() {
        ContainerCredentialsServer.Grant grant = server.grant("task-1", ROLE);
        RawHttp http = new RawHttp("http://127.0.0.1:" + server.port());
        String path = "/v2/credentials/" + grant.id();

        assertThat(http.get(path).statusCode()).isEqualTo(401);
        assertThat(http.get(path, "Authorization", "not-the-token").statusCode()).isEqualTo(403);
        assertThat(http.get("/v2/credentials/nope", "Authorization", grant.authorizationToken()).body()).contains("no task credentials");
        assertThat(http.send("POST", path, "{}").statusCode()).isEqualTo(405);

        server.revoke(grant);
        assertThat(http.get(path, "Authorization", grant.authorizationToken()).statusCode()).isEqualTo(404);
    }

    @Test
    void theSdkSaysSoWhenTheTokenIsWrong() {
        ContainerCredentialsServer.Grant grant = server.grant("task-1", ROLE);

        try (ContainerCredentialsProvider sdk = sdkWith(grant.fullUri(), "wrong")) {
            assertThatThrownBy(sdk::resolveCredentials).isInstanceOf(SdkClientException.class);
        }
    }
}
