package dev.spotsim.gameday.fake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.spotsim.gameday.aws.AwsService;
import dev.spotsim.gameday.aws.AwsSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * EC2, SSM and FIS on three WireMock servers bound to 127.0.0.1 on free ports, answering in each
 * service's wire protocol from fakes whose world follows a manual clock. Tests add their own stubs on
 * top (higher priority) for errors such as throttling, and read what each server received.
 */
public final class FakeAws implements AutoCloseable {
    public static final String ACCESS_KEY = "AKIDSPOTSIMFAKEKEY01";
    public static final String SECRET_KEY = "spotsim/fake/secret/key/never/printed";
    public static final Region REGION = Region.US_EAST_1;

    public final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T12:00:00Z"));
    public final FakeEc2 ec2 = new FakeEc2(clock::now);
    public final FakeFis fis = new FakeFis(clock::now, ec2);
    public final FakeSsm ssm = new FakeSsm(clock::now);
    public final WireMockServer ec2Server = server("fake-ec2", r -> {
        fis.advance(clock.now());
        return ec2.handle(r);
    });
    public final WireMockServer ssmServer = server("fake-ssm", ssm::handle);
    public final WireMockServer fisServer = server("fake-fis", fis::handle);
    public final FakeDrain drain = new FakeDrain(clock::now, fis::actionTimes);
    /** ECS, ELBv2 and Auto Scaling: the reads drain is measured from. */
    public final WireMockServer drainServer = server("fake-drain", drain::handle);

    private static WireMockServer server(String name, Function<Request, ResponseDefinition> handler) {
        ResponseDefinitionTransformerV2 transformer = new ResponseDefinitionTransformerV2() {
            @Override
            public ResponseDefinition transform(ServeEvent event) {
                return handler.apply(event.getRequest());
            }

            @Override
            public boolean applyGlobally() {
                return false;
            }

            @Override
            public String getName() {
                return name;
            }
        };
        WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().extensions(transformer));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(name)));
        return server;
    }

    /** Settings pointing every client here, with fake keys and a retry back-off of 1 ms. */
    public AwsSettings settings() {
        URI drainUri = URI.create(drainServer.baseUrl());
        return new AwsSettings(REGION, null, Map.of(AwsService.EC2, URI.create(ec2Server.baseUrl()), AwsService.SSM, URI.create(ssmServer.baseUrl()),
                AwsService.FIS, URI.create(fisServer.baseUrl()), AwsService.ECS, drainUri, AwsService.ELBV2, drainUri, AwsService.AUTOSCALING, drainUri),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)),
                AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(4)
                        .backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(1)))
                        .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(1))).build());
    }

    /** Every request a server received, oldest first. */
    public static List<LoggedRequest> received(WireMockServer server) {
        // The journal lists newest first.
        List<LoggedRequest> all = new java.util.ArrayList<>(server.getAllServeEvents().stream().map(ServeEvent::getRequest).toList());
        java.util.Collections.reverse(all);
        return all;
    }

    /** The EC2 actions received ("DescribeInstances", ...). */
    public List<String> ec2Actions() {
        return received(ec2Server).stream().map(r -> Wire.form(r.getBodyAsString()).get("Action")).toList();
    }

    /** The SSM operations received ("SendCommand", ...). */
    public List<String> ssmOperations() {
        return received(ssmServer).stream().map(r -> r.getHeader("X-Amz-Target").replace("AmazonSSM.", "")).toList();
    }

    /** The FIS calls received as "METHOD path". */
    public List<String> fisCalls() {
        return received(fisServer).stream().map(r -> r.getMethod() + " " + r.getUrl().replaceAll("\\?.*", "")).toList();
    }

    @Override
    public void close() {
        ec2Server.stop();
        ssmServer.stop();
        fisServer.stop();
        drainServer.stop();
    }

    /** The drain reads received: ECS operations by name, query actions by Action. */
    public List<String> drainCalls() {
        return received(drainServer).stream().map(r -> r.getHeader("X-Amz-Target") != null
                ? r.getHeader("X-Amz-Target").replaceAll(".*\\.", "") : Wire.form(r.getBodyAsString()).get("Action")).toList();
    }
}
