package dev.spotsim.simulator.aws;

import dev.spotsim.simulator.SpotSim;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** Real AWS SDK v2 clients pointed at a simulator's control port, with fake keys and a fixed region. */
public final class AwsClients {
    public static final Region REGION = Region.US_EAST_1;

    private AwsClients() {
    }

    /** Configures {@code builder} for {@code sim}: endpoint, region, fake keys, URL-connection HTTP, no retries. */
    public static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C of(B builder, SpotSim sim) {
        return builder.endpointOverride(URI.create("http://127.0.0.1:" + sim.controlPort()))
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSPOTSIMTEST", "secret")))
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1)).build())
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
                .build();
    }
}
