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
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK v2 sync clients of a game day (EC2, SSM, FIS to act; ECS, ELBv2, Auto Scaling, SQS and
 * EventBridge to measure drain; STS for the account), over the JDK's HTTP client (no Netty next to Vert.x's,
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
    private final EcsClient ecs;
    private final ElasticLoadBalancingV2Client elbv2;
    private final AutoScalingClient autoscaling;
    private final SqsClient sqs;
    private final EventBridgeClient eventbridge;
    private final StsClient sts;

    private AwsClients(AwsSettings settings) {
        this.http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(30)).build();
        AwsCredentialsProvider credentials = credentials(settings);
        ClientOverrideConfiguration overrides = ClientOverrideConfiguration.builder().retryStrategy(retryStrategy(settings)).build();
        this.ec2 = configure(Ec2Client.builder(), settings, AwsService.EC2, credentials).overrideConfiguration(overrides).httpClient(http).build();
        this.ssm = configure(SsmClient.builder(), settings, AwsService.SSM, credentials).overrideConfiguration(overrides).httpClient(http).build();
        this.fis = configure(FisClient.builder(), settings, AwsService.FIS, credentials).overrideConfiguration(overrides).httpClient(http).build();
        this.ecs = configure(EcsClient.builder(), settings, AwsService.ECS, credentials).overrideConfiguration(overrides).httpClient(http).build();
        this.elbv2 = configure(ElasticLoadBalancingV2Client.builder(), settings, AwsService.ELBV2, credentials).overrideConfiguration(overrides)
                .httpClient(http).build();
        this.autoscaling = configure(AutoScalingClient.builder(), settings, AwsService.AUTOSCALING, credentials).overrideConfiguration(overrides)
                .httpClient(http).build();
        this.sqs = configure(SqsClient.builder(), settings, AwsService.SQS, credentials).overrideConfiguration(overrides).httpClient(http).build();
        this.eventbridge = configure(EventBridgeClient.builder(), settings, AwsService.EVENTBRIDGE, credentials).overrideConfiguration(overrides)
                .httpClient(http).build();
        this.sts = configure(StsClient.builder(), settings, AwsService.STS, credentials).overrideConfiguration(overrides).httpClient(http).build();
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

    public EcsClient ecs() {
        return ecs;
    }

    public ElasticLoadBalancingV2Client elbv2() {
        return elbv2;
    }

    public AutoScalingClient autoscaling() {
        return autoscaling;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public EventBridgeClient eventbridge() {
        return eventbridge;
    }

    public StsClient sts() {
        return sts;
    }

    @Override
    public void close() {
        ec2.close();
        ssm.close();
        fis.close();
        ecs.close();
        elbv2.close();
        autoscaling.close();
        sqs.close();
        eventbridge.close();
        sts.close();
        http.close();
    }
}
