package dev.spotsim.simulator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.simulator.RawHttp;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.clock.ManualClock;
import dev.spotsim.simulator.fleet.AllocationStrategy;
import dev.spotsim.simulator.fleet.FleetSettings;
import dev.spotsim.simulator.fleet.GroupSpec;
import dev.spotsim.simulator.fleet.InterruptRequest;
import dev.spotsim.simulator.fleet.LifecycleHook;
import dev.spotsim.simulator.fleet.MaintenanceRequest;
import dev.spotsim.simulator.fleet.SpotPool;
import dev.spotsim.simulator.instance.InstanceIdentity;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every EC2 and Auto Scaling answer spotsim writes, checked member by member against botocore's
 * models (Debian's python3-botocore). Skipped on a workstation without the package; required in CI.
 */
class ModelConformanceTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T12:00:00Z"));
    private final InstanceIdentity onDemand = InstanceIdentity.generated(50, "m5.large", "us-east-1b", "on-demand").withAutoScalingGroup(null);
    private SpotSim sim;
    private RawHttp http;
    private String interrupted;

    @BeforeEach
    void start() {
        boolean present = Files.isDirectory(ModelConformance.BOTOCORE.resolve("ec2"));
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException("CI needs python3-botocore for the model conformance test (apt-get install -y python3-botocore)");
        }
        Assumptions.assumeTrue(present, "python3-botocore is not installed (apt-get install -y python3-botocore); model conformance not checked");
        sim = SpotSim.builder().clock(clock).settings(new FleetSettings(Duration.ofSeconds(5), Duration.ZERO)).instance(onDemand)
                .group(new GroupSpec("web", 3, AllocationStrategy.PRICE_CAPACITY_OPTIMIZED, Duration.ZERO, true,
                        List.of(new SpotPool("c5.large", "us-east-1a", 0.035, SpotPool.UNLIMITED),
                                new SpotPool("m5.large", "us-east-1b", 0.04, SpotPool.UNLIMITED))))
                .start();
        http = new RawHttp("http://127.0.0.1:" + sim.controlPort());
        var hooks = sim.fleet().group("web").lifecycleHooks();
        hooks.put(new LifecycleHook("drain", LifecycleHook.Transition.TERMINATING, Duration.ofSeconds(300), null, "meta", null, null));
        hooks.put(new LifecycleHook("warm", LifecycleHook.Transition.LAUNCHING, null, LifecycleHook.Result.CONTINUE, null,
                "arn:aws:sqs:us-east-1:123456789012:hooks", "arn:aws:iam::123456789012:role/hooks"));
        sim.fleet().scheduleMaintenance(onDemand.instanceId(), new MaintenanceRequest("instance-stop", null, null, null));
        interrupted = member(0);
        sim.interrupt(interrupted, new InterruptRequest(null, Duration.ofMinutes(2), null, null));
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private String member(int i) {
        return sim.fleet().group("web").members().get(i);
    }

    private HttpResponse<String> call(String service, String version, String action, Map<String, String> params) {
        StringBuilder body = new StringBuilder("Action=" + action + "&Version=" + version);
        params.forEach((k, v) -> body.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return http.send("POST", "/", body.toString(), "Content-Type", "application/x-www-form-urlencoded; charset=utf-8",
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/" + service
                        + "/aws4_request, SignedHeaders=host, Signature=0");
    }

    private static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private void check(ModelConformance model, String service, String version, String action, Map<String, String> params, List<String> problems)
            throws Exception {
        HttpResponse<String> r = call(service, version, action, params);
        if (r.statusCode() != 200) {
            problems.add(action + ": HTTP " + r.statusCode() + " " + r.body());
            return;
        }
        problems.addAll(model.check(action, r.body()));
    }

    @Test
    void everyEc2AnswerHasTheModelsMembersTypesAndEnums() throws Exception {
        ModelConformance ec2 = ModelConformance.load("ec2", "2016-11-15");
        List<String> problems = new ArrayList<>();
        String v = "2016-11-15";
        check(ec2, "ec2", v, "CreateTags", params("ResourceId.1", member(1), "Tag.1.Key", "team", "Tag.1.Value", "payments"), problems);
        check(ec2, "ec2", v, "StopInstances", params("InstanceId.1", onDemand.instanceId()), problems);
        check(ec2, "ec2", v, "TerminateInstances", params("InstanceId.1", member(2)), problems);
        clock.advance(Duration.ofMinutes(3));
        check(ec2, "ec2", v, "DescribeInstances", params(), problems);
        check(ec2, "ec2", v, "DescribeInstances", params("MaxResults", "5"), problems);
        check(ec2, "ec2", v, "DescribeInstanceStatus", params("IncludeAllInstances", "true"), problems);
        check(ec2, "ec2", v, "DescribeSpotInstanceRequests", params(), problems);
        check(ec2, "ec2", v, "StartInstances", params("InstanceId.1", onDemand.instanceId()), problems);
        check(ec2, "ec2", v, "DescribeTags", params("MaxResults", "5"), problems);
        check(ec2, "ec2", v, "DeleteTags", params("ResourceId.1", member(1), "Tag.1.Key", "team"), problems);
        check(ec2, "ec2", v, "DescribeRegions", params(), problems);
        check(ec2, "ec2", v, "DescribeAvailabilityZones", params(), problems);
        assertThat(problems).isEmpty();
    }

    @Test
    void everyAutoScalingAnswerHasTheModelsMembersTypesAndEnums() throws Exception {
        ModelConformance asg = ModelConformance.load("autoscaling", "2011-01-01");
        List<String> problems = new ArrayList<>();
        String v = "2011-01-01";
        String web = "AutoScalingGroupName";
        check(asg, "autoscaling", v, "PutLifecycleHook", params(web, "web", "LifecycleHookName", "extra",
                "LifecycleTransition", "autoscaling:EC2_INSTANCE_TERMINATING"), problems);
        check(asg, "autoscaling", v, "DescribeLifecycleHooks", params(web, "web"), problems);
        check(asg, "autoscaling", v, "DeleteLifecycleHook", params(web, "web", "LifecycleHookName", "extra"), problems);
        check(asg, "autoscaling", v, "RecordLifecycleActionHeartbeat", params(web, "web", "LifecycleHookName", "drain", "InstanceId", interrupted), problems);
        check(asg, "autoscaling", v, "UpdateAutoScalingGroup", params(web, "web", "MaxSize", "5", "CapacityRebalance", "true"), problems);
        check(asg, "autoscaling", v, "SetDesiredCapacity", params(web, "web", "DesiredCapacity", "4"), problems);
        check(asg, "autoscaling", v, "TerminateInstanceInAutoScalingGroup", params("InstanceId", member(1), "ShouldDecrementDesiredCapacity", "false"), problems);
        check(asg, "autoscaling", v, "DescribeAutoScalingGroups", params(), problems);
        check(asg, "autoscaling", v, "DescribeAutoScalingInstances", params("MaxRecords", "2"), problems);
        check(asg, "autoscaling", v, "DescribeScalingActivities", params(web, "web"), problems);
        var waiting = sim.fleet().group("web").lifecycleHooks().actions().stream().filter(a -> a.hook().name().equals("warm")).findFirst().orElseThrow();
        check(asg, "autoscaling", v, "CompleteLifecycleAction", params(web, "web", "LifecycleHookName", "warm", "LifecycleActionToken", waiting.token(),
                "LifecycleActionResult", "CONTINUE"), problems);
        clock.advance(Duration.ofMinutes(3));
        check(asg, "autoscaling", v, "DescribeScalingActivities", params(web, "web", "MaxRecords", "3"), problems);
        check(asg, "autoscaling", v, "DescribeAutoScalingGroups", params("AutoScalingGroupNames.member.1", "web"), problems);
        assertThat(problems).isEmpty();
    }

    @Test
    void errorsHaveEachProtocolsShape() {
        HttpResponse<String> ec2 = call("ec2", "2016-11-15", "DescribeInstances", params("InstanceId.1", "i-0123456789abcdef0"));
        assertThat(ec2.statusCode()).isEqualTo(400);
        assertThat(ec2.body()).matches("(?s).*<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>[^<]+</Message></Error></Errors>"
                + "<RequestID>[0-9a-f-]{36}</RequestID></Response>");
        HttpResponse<String> asg = call("autoscaling", "2011-01-01", "SetDesiredCapacity", params("AutoScalingGroupName", "nope", "DesiredCapacity", "1"));
        assertThat(asg.statusCode()).isEqualTo(400);
        assertThat(asg.body()).matches("<ErrorResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\"><Error><Type>Sender</Type>"
                + "<Code>ValidationError</Code><Message>[^<]+</Message></Error><RequestId>[0-9a-f-]{36}</RequestId></ErrorResponse>");
    }
}
