package dev.spotsim.simulator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spotsim.scenarios.model.LoadBalancerSpec;
import dev.spotsim.scenarios.model.WorkloadSpec;
import dev.spotsim.scenarios.parse.StructuredReader;
import dev.spotsim.simulator.RawHttp;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.fleet.AllocationStrategy;
import dev.spotsim.simulator.fleet.GroupSpec;
import dev.spotsim.simulator.fleet.InterruptRequest;
import dev.spotsim.simulator.fleet.SpotPool;
import dev.spotsim.simulator.platform.Platform;
import dev.spotsim.simulator.platform.PlatformSettings;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every member spotsim's SQS, EventBridge, ECS and ELBv2 answers carry exists in botocore's model of
 * that service, with the model's type and enum values: SQS in both protocols, the ECS and ELBv2
 * reads with a drained task among them. Needs Debian's python3-botocore (CI installs it).
 */
class AwsModelConformanceTest {
    private RawHttp http;

    private HttpResponse<String> json(String version, String target, String body) {
        return http.send("POST", "/", body, "Content-Type", "application/x-amz-json-" + version, "X-Amz-Target", target,
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20261129/us-east-1/x/aws4_request, SignedHeaders=host, Signature=0");
    }

    private HttpResponse<String> query(String service, String version, String path, String... kv) {
        String body = Stream.iterate(0, i -> i < kv.length, i -> i + 2)
                .map(i -> URLEncoder.encode(kv[i], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "Version=" + version + "&", ""));
        return http.send("POST", path, body, "Content-Type", "application/x-www-form-urlencoded",
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20261129/us-east-1/" + service + "/aws4_request, SignedHeaders=host, Signature=0");
    }

    private static void ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void everyEmittedMemberIsInBotocoresModels(@TempDir Path logs) throws Exception {
        Assumptions.assumeTrue(BotocoreModel.installed() || System.getenv("CI") != null,
                "python3-botocore is not installed (apt-get install python3-botocore); CI must have it");
        BotocoreModel sqs = BotocoreModel.load("sqs", "2012-11-05");
        BotocoreModel events = BotocoreModel.load("events", "2015-10-07");
        BotocoreModel ecs = BotocoreModel.load("ecs", "2014-11-13");
        BotocoreModel elb = BotocoreModel.load("elbv2", "2015-12-01");
        try (SpotSim sim = SpotSim.builder().group(new GroupSpec("web", 2, AllocationStrategy.DIVERSIFIED, Duration.ofSeconds(1), false,
                java.util.List.of(new SpotPool("c5.large", "us-east-1a", 0.03, SpotPool.UNLIMITED)))).start()) {
            http = new RawHttp("http://127.0.0.1:" + sim.controlPort());
            Platform platform = drainOne(sim, logs);
            sqsAnswers(sqs);
            eventBridgeAnswers(events);
            ecsAnswers(ecs, platform);
            elbAnswers(elb);
        }
        assertThat(sqs.problems()).isEmpty();
        assertThat(events.problems()).isEmpty();
        assertThat(ecs.problems()).isEmpty();
        assertThat(elb.problems()).isEmpty();
    }

    @Test
    void theCheckCatchesUnknownMembersWrongTypesEnumValuesAndElements() {
        Assumptions.assumeTrue(BotocoreModel.installed() || System.getenv("CI") != null, "python3-botocore is not installed");
        BotocoreModel ecs = BotocoreModel.load("ecs", "2014-11-13");
        ecs.checkJson("DescribeTasks", "{\"tasks\":[{\"stopCode\":\"Evicted\",\"createdAt\":\"yesterday\",\"colour\":1}]}");
        assertThat(ecs.problems()).hasSize(3);
        BotocoreModel sqs = BotocoreModel.load("sqs", "2012-11-05");
        sqs.checkXml("ListQueues", "<ListQueuesResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><ListQueuesResult>"
                + "<QueueUrls><member>u</member></QueueUrls></ListQueuesResult></ListQueuesResponse>");
        assertThat(sqs.problems()).singleElement().asString().contains("QueueUrls");
    }

    /** Runs an ECS workload on two instances and drains one, so stopped tasks and draining instances show. */
    private static Platform drainOne(SpotSim sim, Path logs) {
        Path repo = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(repo.resolve("examples/workloads"))) {
            repo = repo.getParent();
        }
        StructuredReader reader = new StructuredReader();
        WorkloadSpec workload = reader.read("""
                lane: ecs-ec2
                command: "java %s"
                env: {DRAIN_GRACE_MS: "100", WATCH_IMDS: "false"}
                stopTimeout: 5s
                healthCheck: {path: /health, interval: 500ms, timeout: 400ms, healthyThreshold: 2, unhealthyThreshold: 2}
                """.formatted(repo.resolve("examples/workloads/DrainAwareService.java")), "workload", false, WorkloadSpec.class);
        LoadBalancerSpec lb = reader.read("{deregistrationDelay: 1s, targetTimeout: 5s}", "loadBalancer", false, LoadBalancerSpec.class);
        Platform platform = sim.runWorkload(new PlatformSettings(workload, 2, logs, repo, "spotsim"), lb, 0);
        await().atMost(Duration.ofSeconds(60)).until(() -> platform.healthyCapacity() == 2);
        sim.interrupt(sim.instances().get(0).instanceId(), new InterruptRequest(null, Duration.ofSeconds(30), null, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> platform.tasks().stream().anyMatch(t -> t.exited() != null));
        return platform;
    }

    private void sqsAnswers(BotocoreModel m) {
        HttpResponse<String> created = json("1.0", "AmazonSQS.CreateQueue", "{\"QueueName\":\"conf\"}");
        m.checkJson("CreateQueue", created.body());
        String url = created.body().replaceAll(".*\"QueueUrl\":\"([^\"]+)\".*", "$1");
        String q = "\"QueueUrl\":\"" + url + "\"";
        String attrs = "\"MessageAttributes\":{\"s\":{\"DataType\":\"String\",\"StringValue\":\"v\"},\"b\":{\"DataType\":\"Binary\",\"BinaryValue\":\"AAE=\"}}";
        for (String[] call : new String[][] {
                {"GetQueueUrl", "{\"QueueName\":\"conf\"}"},
                {"SendMessage", "{" + q + ",\"MessageBody\":\"x\"," + attrs + "}"},
                {"SendMessageBatch", "{" + q + ",\"Entries\":[{\"Id\":\"a\",\"MessageBody\":\"y\"},{\"Id\":\"b\",\"MessageBody\":\"z\",\"DelaySeconds\":901}]}"},
                {"GetQueueAttributes", "{" + q + ",\"AttributeNames\":[\"All\"]}"},
                {"ListQueues", "{\"MaxResults\":1}"},
                {"ReceiveMessage", "{" + q + ",\"MaxNumberOfMessages\":10,\"AttributeNames\":[\"All\"],\"MessageAttributeNames\":[\"All\"]}"},
                {"DeleteMessageBatch", "{" + q + ",\"Entries\":[{\"Id\":\"a\",\"ReceiptHandle\":\"bad\"}]}"},
                {"PurgeQueue", "{" + q + "}"}}) {
            HttpResponse<String> r = json("1.0", "AmazonSQS." + call[0], call[1]);
            ok(r);
            m.checkJson(call[0], r.body());
        }
        String path = url.substring(url.indexOf('/', "http://".length()));
        String[][] queries = {
                {"CreateQueue", "QueueName", "conf-q", "Attribute.1.Name", "DelaySeconds", "Attribute.1.Value", "0"},
                {"GetQueueUrl", "QueueName", "conf"},
                {"SendMessage", "MessageBody", "x", "MessageAttribute.1.Name", "n", "MessageAttribute.1.Value.DataType", "Number",
                        "MessageAttribute.1.Value.StringValue", "1"},
                {"SendMessageBatch", "SendMessageBatchRequestEntry.1.Id", "a", "SendMessageBatchRequestEntry.1.MessageBody", "y",
                        "SendMessageBatchRequestEntry.2.Id", "b", "SendMessageBatchRequestEntry.2.MessageBody", "z",
                        "SendMessageBatchRequestEntry.2.DelaySeconds", "901"},
                {"GetQueueAttributes", "AttributeName.1", "All"},
                {"ListQueues", "MaxResults", "1"},
                {"ReceiveMessage", "MaxNumberOfMessages", "10", "AttributeName.1", "All", "MessageAttributeName.1", "All"},
                {"ChangeMessageVisibilityBatch", "ChangeMessageVisibilityBatchRequestEntry.1.Id", "a",
                        "ChangeMessageVisibilityBatchRequestEntry.1.ReceiptHandle", "bad",
                        "ChangeMessageVisibilityBatchRequestEntry.1.VisibilityTimeout", "1"},
                {"DeleteQueue"}};
        for (String[] call : queries) {
            String[] kv = new String[call.length + 1];
            kv[0] = "Action";
            System.arraycopy(call, 0, kv, 1, call.length);
            HttpResponse<String> r = query("sqs", "2012-11-05", call[0].equals("DeleteQueue") ? "/123456789012/conf-q" : path, kv);
            ok(r);
            m.checkXml(call[0], r.body());
        }
    }

    private void eventBridgeAnswers(BotocoreModel m) {
        String target = "{\"Rule\":\"conf\",\"Targets\":[{\"Id\":\"q\",\"Arn\":\"arn:aws:sqs:us-east-1:123456789012:conf\",\"InputPath\":\"$.detail\"}]}";
        for (String[] call : new String[][] {
                {"PutRule", "{\"Name\":\"conf\",\"EventPattern\":\"{\\\"source\\\":[\\\"aws.ec2\\\"]}\",\"Description\":\"d\"}"},
                {"DescribeRule", "{\"Name\":\"conf\"}"},
                {"ListRules", "{\"Limit\":1}"},
                {"PutTargets", target},
                {"ListTargetsByRule", "{\"Rule\":\"conf\"}"},
                {"PutEvents", "{\"Entries\":[{\"Source\":\"a.b\",\"DetailType\":\"t\",\"Detail\":\"{}\"},{\"Source\":\"aws.x\",\"DetailType\":\"t\",\"Detail\":\"{}\"}]}"},
                {"RemoveTargets", "{\"Rule\":\"conf\",\"Ids\":[\"q\"]}"},
                {"DisableRule", "{\"Name\":\"conf\"}"},
                {"DeleteRule", "{\"Name\":\"conf\"}"}}) {
            HttpResponse<String> r = json("1.1", "AWSEvents." + call[0], call[1]);
            ok(r);
            m.checkJson(call[0], r.body());
        }
    }

    private void ecsAnswers(BotocoreModel m, Platform platform) {
        String tasks = platform.tasks().stream().map(t -> "\"" + t.taskId() + "\"").collect(Collectors.joining(","));
        String instances = platform.tasks().stream().map(t -> "\"" + t.instanceId().substring(2) + "\"").distinct()
                .collect(Collectors.joining(","));
        for (String[] call : new String[][] {
                {"ListClusters", "{}"},
                {"DescribeClusters", "{\"clusters\":[\"spotsim\",\"other\"]}"},
                {"ListTasks", "{\"cluster\":\"spotsim\",\"maxResults\":1}"},
                {"ListTasks", "{\"cluster\":\"spotsim\",\"desiredStatus\":\"STOPPED\"}"},
                {"DescribeTasks", "{\"cluster\":\"spotsim\",\"tasks\":[" + tasks + ",\"missing\"]}"},
                {"ListContainerInstances", "{\"cluster\":\"spotsim\"}"},
                {"DescribeContainerInstances", "{\"cluster\":\"spotsim\",\"containerInstances\":[" + instances + "]}"}}) {
            HttpResponse<String> r = json("1.1", "AmazonEC2ContainerServiceV20141113." + call[0], call[1]);
            ok(r);
            m.checkJson(call[0], r.body());
        }
    }

    private void elbAnswers(BotocoreModel m) {
        HttpResponse<String> groups = query("elasticloadbalancing", "2015-12-01", "/", "Action", "DescribeTargetGroups");
        ok(groups);
        m.checkXml("DescribeTargetGroups", groups.body());
        String tg = groups.body().replaceAll("(?s).*<TargetGroupArn>([^<]+)</TargetGroupArn>.*", "$1");
        HttpResponse<String> lbs = query("elasticloadbalancing", "2015-12-01", "/", "Action", "DescribeLoadBalancers");
        ok(lbs);
        m.checkXml("DescribeLoadBalancers", lbs.body());
        HttpResponse<String> health = query("elasticloadbalancing", "2015-12-01", "/", "Action", "DescribeTargetHealth",
                "TargetGroupArn", tg);
        ok(health);
        m.checkXml("DescribeTargetHealth", health.body());
        assertThat(health.body()).contains("<State>healthy</State>");
    }
}
