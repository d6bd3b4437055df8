package dev.spotsim.simulator.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.simulator.SpotSim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.imds.Ec2MetadataClient;

/** A class-wide simulator: one start for all tests, the SDK property set while it runs and restored after. */
class SpotSimExtensionTest {
    private static final String BEFORE = System.getProperty(SpotSimExtension.ENDPOINT_PROPERTY);

    @RegisterExtension
    static final SpotSimExtension SPOT = SpotSimExtension.withSimulator(b -> b.instances(2).tokensRequired(true));

    @Test
    void pointsTheSdkAtTheFirstInstance(SpotSim sim) {
        assertThat(System.getProperty(SpotSimExtension.ENDPOINT_PROPERTY)).isEqualTo(SPOT.imdsEndpoint());
        try (Ec2MetadataClient client = Ec2MetadataClient.create()) {
            assertThat(client.get("/latest/meta-data/instance-id").asString()).isEqualTo(sim.firstInstanceId());
        }
    }

    @Test
    void interruptFromJavaShowsInImds() {
        SPOT.interrupt();
        try (Ec2MetadataClient client = Ec2MetadataClient.create()) {
            assertThat(client.get("/latest/meta-data/spot/instance-action").asString()).contains("\"action\": \"terminate\"");
        }
    }

    @Test
    void eachInstanceHasItsOwnPortAndIdentity(SpotSim sim) {
        String second = sim.instances().get(1).instanceId();
        assertThat(sim.imdsPort(second)).isNotEqualTo(sim.imdsPort(sim.firstInstanceId()));
        try (Ec2MetadataClient client = Ec2MetadataClient.builder().endpoint(java.net.URI.create(sim.imdsEndpoint(second))).build()) {
            assertThat(client.get("/latest/meta-data/instance-id").asString()).isEqualTo(second);
        }
    }

    @AfterAll
    static void propertyIsRestored() {
        // AfterAll callbacks of extensions registered on static fields run after this method; check what we can.
        assertThat(BEFORE).isNotNull();
    }
}
