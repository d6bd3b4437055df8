package dev.spotsim.simulator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.simulator.RawHttp;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.fleet.AllocationStrategy;
import dev.spotsim.simulator.fleet.GroupSpec;
import dev.spotsim.simulator.fleet.SpotPool;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Throttling on demand through the control API, as the SDKs' retry logic sees it. */
class ThrottlingTest {
    private SpotSim sim;
    private RawHttp control;

    @BeforeEach
    void start() {
        sim = SpotSim.builder().group(new GroupSpec("web", 1, AllocationStrategy.DIVERSIFIED, Duration.ZERO, false,
                List.of(new SpotPool("c5.large", "us-east-1a", 0.035, SpotPool.UNLIMITED)))).start();
        control = new RawHttp(sim.controlUrl());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private void throttle(String body) {
        assertThat(control.send("PUT", "/aws/faults", body, "Content-Type", "application/json").statusCode()).isEqualTo(200);
    }

    @Test
    void ec2AnswersRequestLimitExceededWith503AndTheSdkRetriesThrough() {
        throttle("{\"service\":\"ec2\",\"throttle\":1}");
        try (Ec2Client once = AwsClients.ec2(sim)) {
            assertThatThrownBy(once::describeInstances).isInstanceOfSatisfying(AwsServiceException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
                assertThat(e.statusCode()).isEqualTo(503);
                assertThat(e.isThrottlingException()).isTrue();
            });
            assertThat(once.describeInstances().reservations()).hasSize(1);
        }
        throttle("{\"service\":\"ec2\",\"throttle\":2}");
        try (Ec2Client retrying = Ec2Client.builder().endpointOverride(AwsClients.endpoint(sim)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThat(retrying.describeInstances().reservations()).hasSize(1);
        }
        assertThat(control.get("/aws/faults").body()).isEqualTo("{\"throttles\":[]}");
    }

    @Test
    void autoScalingAnswersThrottlingWith400ForTheChosenOperationsOnly() {
        throttle("{\"service\":\"autoscaling\",\"throttle\":5,\"operations\":[\"DescribeAutoScalingGroups\"]}");
        try (AutoScalingClient asg = AwsClients.autoScaling(sim)) {
            assertThat(asg.describeAutoScalingInstances().autoScalingInstances()).hasSize(1);
            assertThatThrownBy(asg::describeAutoScalingGroups).isInstanceOfSatisfying(AwsServiceException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.isThrottlingException()).isTrue();
            });
            assertThat(control.get("/aws/faults").body()).contains("\"throttle\":4");
            assertThat(control.send("DELETE", "/aws/faults", null).statusCode()).isEqualTo(200);
            assertThat(asg.describeAutoScalingGroups().autoScalingGroups()).hasSize(1);
        }
    }

    @Test
    void aBadFaultRequestIsA400WithAMessage() {
        var response = control.send("PUT", "/aws/faults", "{\"service\":\"ec2\",\"throttle\":\"lots\"}", "Content-Type", "application/json");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("throttle: expected a number of calls");
        assertThat(control.send("PUT", "/aws/faults", "{not json", "Content-Type", "application/json").statusCode()).isEqualTo(400);
    }
}
