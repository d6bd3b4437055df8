package dev.spotsim.gameday.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The three SDK v2 sync clients of a game day, over the JDK's HTTP client (no Netty next to Vert.x's,
 * STACK.md). Throttling ({@code RequestLimitExceeded}, {@code ThrottlingException}) is retried with the
 * SDK's standard strategy and more attempts than its default, since a game day polls for minutes.
 * Closing this closes the clients and the HTTP client.
 */
public final class AwsClients implements AutoCloseable {
    /** Standard mode allows 3 attempts; a game day would rather wait out a burst of throttling than abort. */
    static final int MAX_ATTEMPTS = 6;

    private final SdkHttpClient http;
    private final Ec2Client ec2;
    private final SsmClient ssm;
    private final FisClient fis;

    private AwsClients(AwsSettings settings) {
        this.http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(30)).build();
        AwsCredentialsProvider credentials = credentials(settings);
        ClientOverrideConfiguration overrides = ClientOverrideConfiguration.builder().retryStrategy(retryStrategy(settings)).build();
        this.ec2 = configure(Ec2Client.builder(), settings, AwsService.EC2, credentials).overrideConfiguration(overrides).httpClient(http).build();
        this.ssm = configure(SsmClient.builder(), settings, AwsService.SSM, credentials).overrideConfiguration(overrides).httpClient(http).build();
        this.fis = configure(FisClient.builder(), settings, AwsService.FIS, credentials).overrideConfiguration(overrides).httpClient(http).build();
    }

    /** Builds the clients; nothing is called until a client is used. */
    public static AwsClients create(AwsSettings settings) {
        return new AwsClients(settings);
    }

    private static AwsCredentialsProvider credentials(AwsSettings s) {
        if (s.credentials() != null) {
            return s.credentials();
        }
        return s.profile() != null ? ProfileCredentialsProvider.create(s.profile()) : DefaultCredentialsProvider.builder().build();
    }

    private static RetryStrategy retryStrategy(AwsSettings s) {
        return s.retryStrategy() != null ? s.retryStrategy() : AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build();
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, AwsSettings s, AwsService service, AwsCredentialsProvider credentials) {
        builder.region(s.region()).credentialsProvider(credentials);
        URI endpoint = s.endpoints().get(service);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    public Ec2Client ec2() {
        return ec2;
    }

    public SsmClient ssm() {
        return ssm;
    }

    public FisClient fis() {
        return fis;
    }

    @Override
    public void close() {
        ec2.close();
        ssm.close();
        fis.close();
        http.close();
    }
}
