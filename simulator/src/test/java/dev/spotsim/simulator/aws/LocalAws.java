package dev.spotsim.simulator.aws;

import dev.spotsim.simulator.SpotSim;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** Real AWS SDK v2 clients pointed at a simulator's control port, with fake keys and a fixed region. */
public final class LocalAws {
    private LocalAws() {
    }

    /** A client of {@code builder}'s service at the simulator's AWS front door, in {@code region}. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, SpotSim sim, Region region) {
        return builder.endpointOverride(URI.create("http://127.0.0.1:" + sim.controlPort()))
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKEFAKEFAKE", "fake-secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(ClientOverrideConfiguration.builder().build())
                .build();
    }

    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, SpotSim sim) {
        return client(builder, sim, Region.US_EAST_1);
    }
}
