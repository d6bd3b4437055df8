package dev.spotsim.simulator.imds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.clock.ManualClock;
import dev.spotsim.simulator.fleet.InterruptRequest;
import dev.spotsim.simulator.instance.Faults;
import dev.spotsim.simulator.junit.SpotSimExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.imds.Ec2MetadataClient;
import software.amazon.awssdk.imds.Ec2MetadataRetryPolicy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.InstanceProfileRegionProvider;

/** The AWS SDK for Java v2, configured only through the endpoint system property, against the emulator. */
class SdkAgainstImdsTest {
    // Near the real time: the SDK compares credential expiry with the wall clock.
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS);
    private final ManualClock clock = new ManualClock(start);

    @RegisterExtension
    final SpotSimExtension spot = SpotSimExtension.withSimulator(b -> b.clock(clock).tokensRequired(true));

    @Test
    void metadataClientFetchesATokenAndReadsTheInstance(SpotSim sim) {
        try (Ec2MetadataClient client = Ec2MetadataClient.create()) {
            assertThat(client.get("/latest/meta-data/instance-id").asString()).isEqualTo(sim.firstInstanceId());
            assertThat(client.get("/latest/meta-data/instance-life-cycle").asString()).isEqualTo("spot");
            assertThat(client.get("/latest/meta-data/placement/availability-zone").asString()).isEqualTo("us-east-1a");
        }
    }

    @Test
    void instanceActionIs404UntilTheNoticeThenShowsTheActionTime(SpotSim sim) {
        try (Ec2MetadataClient client = Ec2MetadataClient.builder().retryPolicy(Ec2MetadataRetryPolicy.builder().numRetries(0).build()).build()) {
            sim.interrupt(sim.firstInstanceId(), new InterruptRequest(null, null, Duration.ofSeconds(10), null));
            assertThatThrownBy(() -> client.get("/latest/meta-data/spot/instance-action"))
                    .isInstanceOf(SdkClientException.class).hasMessageContaining("404");

            clock.advance(Duration.ofSeconds(10));
            String first = client.get("/latest/meta-data/spot/instance-action").asString();
            String actionTime = start.plusSeconds(130).toString();
            assertThat(first).isEqualTo("{\"action\": \"terminate\", \"time\": \"" + actionTime + "\"}");
            assertThat(client.get("/latest/meta-data/spot/termination-time").asString()).isEqualTo(actionTime);

            clock.advance(Duration.ofSeconds(45));
            assertThat(client.get("/latest/meta-data/spot/instance-action").asString()).isEqualTo(first);
        }
    }

    @Test
    void credentialsProviderGetsRotatingRoleCredentials(SpotSim sim) {
        String firstKey;
        try (InstanceProfileCredentialsProvider provider = InstanceProfileCredentialsProvider.builder().build()) {
            AwsCredentials credentials = provider.resolveCredentials();
            firstKey = credentials.accessKeyId();
            assertThat(credentials.accessKeyId()).startsWith("ASIA").hasSize(20);
            assertThat(credentials).isInstanceOf(AwsSessionCredentials.class);
            assertThat(((AwsSessionCredentials) credentials).sessionToken()).isNotBlank();
            clock.advance(Duration.ofHours(1));
        }
        try (InstanceProfileCredentialsProvider provider = InstanceProfileCredentialsProvider.builder().build()) {
            assertThat(provider.resolveCredentials().accessKeyId()).as("rotated after an hour")
                    .isNotEqualTo(firstKey);
        }
    }

    @Test
    void regionProviderReadsTheRegionFromTheIdentityDocument() {
        // The SDK's own metadata timeout is 1 s per attempt; a busy 2-core CI box may answer slower than that.
        String before = System.getProperty("aws.ec2MetadataServiceTimeout");
        System.setProperty("aws.ec2MetadataServiceTimeout", "10");
        try {
            assertThat(new InstanceProfileRegionProvider().getRegion()).isEqualTo(Region.US_EAST_1);
        } finally {
            if (before == null) {
                System.clearProperty("aws.ec2MetadataServiceTimeout");
            } else {
                System.setProperty("aws.ec2MetadataServiceTimeout", before);
            }
        }
    }

    @Test
    void metadataClientRetriesThroughInjectedServerErrors(SpotSim sim) {
        sim.fleet().setFaults(sim.firstInstanceId(), new Faults(Duration.ZERO, 500, 0.5, 0));
        try (Ec2MetadataClient client = Ec2MetadataClient.builder().retryPolicy(Ec2MetadataRetryPolicy.builder().numRetries(10).build()).build()) {
            for (int i = 0; i < 10; i++) {
                assertThat(client.get("/latest/meta-data/instance-type").asString()).isEqualTo("c5.large");
            }
        }
    }
}
