package dev.spotsim.gameday.ec2;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.gameday.aws.AwsClients;
import dev.spotsim.gameday.fake.FakeAws;
import dev.spotsim.gameday.fake.FakeEc2.FakeInstance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

class Ec2TargetsTest {
    private static final Map<String, String> WEB = Map.of("Environment", "staging", TagSelector.GROUP_TAG, "web-asg");
    private static final TagSelector GROUP = new TagSelector(Map.of("Environment", "staging"), "web-asg");

    private final FakeAws aws = new FakeAws();
    private final AwsClients clients = AwsClients.create(aws.settings());
    private final Ec2Targets targets = new Ec2Targets(clients.ec2());

    @AfterEach
    void close() {
        clients.close();
        aws.close();
    }

    @Test
    void findsOnlyRunningSpotInstancesOfTheGroupInLaunchOrder() {
        FakeInstance a = aws.ec2.add("c5.large", "us-east-1a", true, WEB);
        aws.ec2.add("c5.large", "us-east-1a", false, WEB);
        aws.ec2.add("c5.large", "us-east-1a", true, Map.of("Environment", "staging", TagSelector.GROUP_TAG, "api-asg"));
        aws.ec2.add("c5.large", "us-east-1a", true, Map.of("Environment", "prod", TagSelector.GROUP_TAG, "web-asg"));
        FakeInstance b = aws.ec2.add("m5.large", "us-east-1b", true, WEB);
        FakeInstance gone = aws.ec2.add("m5.large", "us-east-1b", true, WEB);
        aws.ec2.interrupt(gone.id(), aws.clock.now());

        List<Ec2Instance> spot = targets.runningSpot(GROUP);

        assertThat(spot).extracting(Ec2Instance::instanceId).containsExactly(a.id(), b.id());
        assertThat(spot.get(1).pool()).isEqualTo("m5.large/us-east-1b");
        assertThat(spot.get(0).ownerId()).isEqualTo("123456789012");
        assertThat(spot.get(0).arn("aws", "us-east-1")).isEqualTo("arn:aws:ec2:us-east-1:123456789012:instance/" + a.id());
        assertThat(targets.running(GROUP)).hasSize(3);
        String body = FakeAws.received(aws.ec2Server).get(0).getBodyAsString();
        assertThat(body).contains("Action=DescribeInstances", "Version=2016-11-15", "MaxResults=1000",
                "Filter.1.Name=tag%3AEnvironment", "Filter.1.Value.1=staging",
                "Filter.2.Name=tag%3Aaws%3Aautoscaling%3AgroupName", "Filter.2.Value.1=web-asg",
                "Filter.3.Name=instance-lifecycle", "Filter.3.Value.1=spot",
                "Filter.4.Name=instance-state-name", "Filter.4.Value.1=running");
    }

    @Test
    void followsEveryPage() {
        aws.ec2.pageSize = 2;
        for (int i = 0; i < 5; i++) {
            aws.ec2.add("c5.large", "us-east-1a", true, WEB);
        }

        assertThat(targets.runningSpot(GROUP)).hasSize(5);

        List<String> bodies = FakeAws.received(aws.ec2Server).stream().map(r -> r.getBodyAsString()).toList();
        assertThat(bodies).hasSize(3);
        assertThat(bodies.get(1)).contains("NextToken=2");
        assertThat(bodies.get(2)).contains("NextToken=4");
    }

    @Test
    void anAnswerListingOtherInstancesCannotWidenTheTargets() {
        // A server that ignores the filters: only what the selector and "running spot" allow may come back.
        aws.ec2Server.stubFor(post(urlEqualTo("/")).atPriority(1).willReturn(aResponse().withStatus(200).withBody("""
                <DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>x</requestId><reservationSet>
                <item><reservationId>r-1</reservationId><ownerId>123456789012</ownerId><instancesSet>
                <item><instanceId>i-0000000000000aaa1</instanceId><instanceState><code>16</code><name>running</name></instanceState>
                <instanceType>c5.large</instanceType><placement><availabilityZone>us-east-1a</availabilityZone></placement>
                <instanceLifecycle>spot</instanceLifecycle><tagSet><item><key>Environment</key><value>staging</value></item>
                <item><key>aws:autoscaling:groupName</key><value>web-asg</value></item></tagSet></item>
                <item><instanceId>i-0000000000000aaa2</instanceId><instanceState><code>16</code><name>running</name></instanceState>
                <instanceType>c5.large</instanceType><placement><availabilityZone>us-east-1a</availabilityZone></placement>
                <tagSet><item><key>Environment</key><value>staging</value></item>
                <item><key>aws:autoscaling:groupName</key><value>web-asg</value></item></tagSet></item>
                <item><instanceId>i-0000000000000aaa3</instanceId><instanceState><code>16</code><name>running</name></instanceState>
                <instanceType>c5.large</instanceType><placement><availabilityZone>us-east-1a</availabilityZone></placement>
                <instanceLifecycle>spot</instanceLifecycle><tagSet><item><key>Environment</key><value>prod</value></item>
                <item><key>aws:autoscaling:groupName</key><value>web-asg</value></item></tagSet></item>
                <item><instanceId>i-0000000000000aaa4</instanceId><instanceState><code>80</code><name>stopped</name></instanceState>
                <instanceType>c5.large</instanceType><placement><availabilityZone>us-east-1a</availabilityZone></placement>
                <instanceLifecycle>spot</instanceLifecycle><tagSet><item><key>Environment</key><value>staging</value></item>
                <item><key>aws:autoscaling:groupName</key><value>web-asg</value></item></tagSet></item>
                </instancesSet></item></reservationSet></DescribeInstancesResponse>""")));

        assertThat(targets.runningSpot(GROUP)).extracting(Ec2Instance::instanceId).containsExactly("i-0000000000000aaa1");
        assertThat(targets.stillTargetable(GROUP, List.of("i-0000000000000aaa2", "i-0000000000000aaa3", "i-0000000000000aaa4"))).isEmpty();
    }

    @Test
    void requestLimitExceededIsRetried() {
        FakeInstance a = aws.ec2.add("c5.large", "us-east-1a", true, WEB);
        aws.ec2Server.stubFor(post(urlEqualTo("/")).atPriority(1).inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withBody(throttled())).willSetStateTo("once"));

        assertThat(targets.runningSpot(GROUP)).extracting(Ec2Instance::instanceId).containsExactly(a.id());
        assertThat(aws.ec2Actions()).containsExactly("DescribeInstances", "DescribeInstances");
    }

    @Test
    void persistentThrottlingGivesUpAfterTheRetryBudget() {
        aws.ec2Server.stubFor(post(urlEqualTo("/")).atPriority(1).willReturn(aResponse().withStatus(503).withBody(throttled())));

        assertThatThrownBy(() -> targets.runningSpot(GROUP)).isInstanceOf(Ec2Exception.class).hasMessageContaining("Request limit exceeded");
        assertThat(aws.ec2Actions()).hasSize(4);
    }

    private static String throttled() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>RequestLimitExceeded</Code>"
                + "<Message>Request limit exceeded.</Message></Error></Errors><RequestID>d1c2b3a4-0000-4000-8000-000000000001</RequestID></Response>";
    }
}
