package dev.spotsim.client;

import dev.spotsim.scenarios.model.AllocationStrategy;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.clock.ManualClock;
import dev.spotsim.simulator.fleet.GroupSpec;
import dev.spotsim.simulator.fleet.SpotPool;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** A real simulator on loopback ports with a manual clock: group "web" of 4 Spot Instances in two pools, or standalone instances. */
final class SimulatorFixture implements AutoCloseable {
    static final Instant START = Instant.parse("2026-01-01T12:00:00Z");
    final ManualClock clock = new ManualClock(START);
    final SpotSim sim;
    final SpotSimClient client;

    SimulatorFixture() {
        this(SpotSim.builder().group(new GroupSpec("web", 4, AllocationStrategy.DIVERSIFIED, Duration.ZERO, false,
                List.of(new SpotPool("c5.large", "us-east-1a", 0.03, SpotPool.UNLIMITED),
                        new SpotPool("m5.large", "us-east-1b", 0.04, SpotPool.UNLIMITED)))));
    }

    /** {@code count} standalone Spot Instances, as {@code spotsim serve --instances N} runs them. */
    static SimulatorFixture standalone(int count) {
        return new SimulatorFixture(SpotSim.builder().instances(count));
    }

    private SimulatorFixture(SpotSim.Builder builder) {
        sim = builder.clock(clock).start();
        client = SpotSimClient.connect(sim.controlUrl());
    }

    String firstId() {
        return sim.instances().get(0).instanceId();
    }

    /** An AWS SDK client of the simulator's AWS endpoint, with fake keys and a fixed region. */
    <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C aws(B builder) {
        return builder.endpointOverride(URI.create("http://127.0.0.1:" + sim.controlPort())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSPOTSIMTEST", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Override
    public void close() {
        sim.close();
    }
}
