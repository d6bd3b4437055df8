package dev.spotsim.gameday.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The exact times of a game day's events: an SQS queue of its own, fed by an EventBridge rule that matches EC2's
 * Spot interruption warnings, rebalance recommendations and state changes and Auto Scaling's lifecycle actions
 * (the queue-processor pattern of the node termination handler). Created when the run starts, read at each
 * poll, and deleted (rule targets, rule, queue) at the end, whatever the end. The queue's policy lets only
 * this rule send to it. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sqs-permissions
 */
public final class EventQueue {
    /** The IAM actions these calls need, exactly (gameday/iam/spotsim-gameday-policy.json grants them on spotsim-* names only). */
    public static final Set<String> IAM_ACTIONS = Set.of("sqs:CreateQueue", "sqs:GetQueueAttributes", "sqs:SetQueueAttributes",
            "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:DeleteQueue", "events:PutRule", "events:PutTargets", "events:RemoveTargets",
            "events:DeleteRule");
    static final String TARGET_ID = "spotsim-queue";
    /** The events a drain is timed by. https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-instance-termination-notices.html */
    static final List<String> DETAIL_TYPES = List.of("EC2 Spot Instance Interruption Warning", "EC2 Instance Rebalance Recommendation",
            "EC2 Instance State-change Notification", "EC2 Instance-launch Lifecycle Action", "EC2 Instance-terminate Lifecycle Action");
    /** ReceiveMessage returns at most 10 messages; a poll reads at most this many batches so it never stalls the run. */
    private static final int MAX_BATCHES = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final EventBridgeClient events;
    private final String name;
    private String queueUrl;
    private boolean ruleCreated;
    private boolean targetPut;

    private EventQueue(SqsClient sqs, EventBridgeClient events, String name) {
        this.sqs = sqs;
        this.events = events;
        this.name = name;
    }

    /** One event the rule delivered: its detail-type, the instance it is about, its time (EventBridge's, to the second), its detail. */
    public record Event(String detailType, String instanceId, Instant time, JsonNode detail) {
    }

    /** The queue and rule name for a run: SQS and EventBridge allow letters, digits, hyphens and underscores (64 for a rule). */
    public static String nameFor(String runId) {
        String cleaned = ("spotsim-" + runId).replaceAll("[^A-Za-z0-9_-]", "-");
        return cleaned.length() <= 64 ? cleaned : cleaned.substring(0, 64);
    }

    /**
     * Creates the queue, the rule and its target. When a call fails (a missing permission, say), what was created
     * is deleted again and the failure thrown: the run then goes on with its polled reads only.
     */
    public static EventQueue create(SqsClient sqs, EventBridgeClient events, String runId) {
        EventQueue q = new EventQueue(sqs, events, nameFor(runId));
        try {
            q.open();
            return q;
        } catch (RuntimeException e) {
            q.delete();
            throw e;
        }
    }

    private void open() {
        queueUrl = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String ruleArn = events.putRule(b -> b.name(name).eventPattern(pattern()).state("ENABLED")
                .description("spotsim game day: Spot and lifecycle events to " + name)).ruleArn();
        ruleCreated = true;
        sqs.setQueueAttributes(b -> b.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.POLICY, policy(queueArn, ruleArn))));
        events.putTargets(b -> b.rule(name).targets(Target.builder().id(TARGET_ID).arn(queueArn).build()));
        targetPut = true;
    }

    /** The rule's event pattern. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html */
    static String pattern() {
        var p = JSON.createObjectNode();
        p.putArray("source").add("aws.ec2").add("aws.autoscaling");
        var types = p.putArray("detail-type");
        DETAIL_TYPES.forEach(types::add);
        return p.toString();
    }

    /** Only EventBridge, and only for this rule, may send to the queue. */
    static String policy(String queueArn, String ruleArn) {
        var statement = JSON.createObjectNode().put("Sid", "spotsim-rule").put("Effect", "Allow");
        statement.putObject("Principal").put("Service", "events.amazonaws.com");
        statement.put("Action", "sqs:SendMessage").put("Resource", queueArn);
        statement.putObject("Condition").putObject("ArnEquals").put("aws:SourceArn", ruleArn);
        var policy = JSON.createObjectNode().put("Version", "2012-10-17");
        policy.putArray("Statement").add(statement);
        return policy.toString();
    }

    /** The queue (and rule) name. */
    public String name() {
        return name;
    }

    /** Reads what has arrived without waiting (short polls), deleting each message once parsed; unknown messages are dropped. */
    public List<Event> poll() {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < MAX_BATCHES; i++) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            for (Message m : batch) {
                parse(m.body()).ifPresent(out::add);
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
            if (batch.size() < 10) {
                break;
            }
        }
        return out;
    }

    /** An EventBridge event as the rule delivers it to SQS (the event JSON is the message body). */
    static java.util.Optional<Event> parse(String body) {
        try {
            JsonNode e = JSON.readTree(body);
            JsonNode detail = e.path("detail");
            String instance = detail.hasNonNull("instance-id") ? detail.path("instance-id").asText()
                    : detail.hasNonNull("EC2InstanceId") ? detail.path("EC2InstanceId").asText() : null;
            if (!e.hasNonNull("detail-type") || !e.hasNonNull("time") || instance == null) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new Event(e.path("detail-type").asText(), instance, Instant.parse(e.path("time").asText()), detail));
        } catch (IOException | java.time.DateTimeException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Deletes the rule's target, the rule and the queue, each that exists; returns one line per deletion that failed,
     * with the command that finishes it by hand.
     */
    public List<String> delete() {
        List<String> problems = new ArrayList<>();
        if (targetPut) {
            attempt(() -> events.removeTargets(b -> b.rule(name).ids(TARGET_ID)), "aws events remove-targets --rule " + name + " --ids "
                    + TARGET_ID, problems);
        }
        if (ruleCreated) {
            attempt(() -> events.deleteRule(b -> b.name(name)), "aws events delete-rule --name " + name, problems);
        }
        if (queueUrl != null) {
            attempt(() -> sqs.deleteQueue(b -> b.queueUrl(queueUrl)), "aws sqs delete-queue --queue-url " + queueUrl, problems);
        }
        targetPut = false;
        ruleCreated = false;
        queueUrl = null;
        return problems;
    }

    private static void attempt(Runnable call, String byHand, List<String> problems) {
        try {
            call.run();
        } catch (RuntimeException e) {
            problems.add("deleting the event queue failed (" + e.getMessage() + "); run: " + byHand);
        }
    }
}
