package dev.spotsim.simulator.aws;

import dev.spotsim.simulator.SpotSim;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Real AWS SDK v2 clients pointed at a simulator's control port, with fake keys and a fixed region. */
public final class AwsClients {
    private AwsClients() {
    }

    public static URI endpoint(SpotSim sim) {
        return URI.create("http://127.0.0.1:" + sim.controlPort());
    }

    private static StaticCredentialsProvider fakeKeys() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
    }

    /** No retries: a test sees every error as it was answered. */
    private static ClientOverrideConfiguration noRetries() {
        return ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)).build();
    }

    public static Ec2Client ec2(SpotSim sim, Region region) {
        return Ec2Client.builder().endpointOverride(endpoint(sim)).region(region).credentialsProvider(fakeKeys())
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(noRetries()).build();
    }

    public static Ec2Client ec2(SpotSim sim) {
        return ec2(sim, Region.US_EAST_1);
    }

    public static AutoScalingClient autoScaling(SpotSim sim) {
        return AutoScalingClient.builder().endpointOverride(endpoint(sim)).region(Region.US_EAST_1).credentialsProvider(fakeKeys())
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(noRetries()).build();
    }

    public static final Region REGION = Region.US_EAST_1;


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
