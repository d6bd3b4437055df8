package dev.spotsim.simulator.aws.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The attributes a queue is created or changed with: names and ranges as CreateQueue documents
 * them, defaults as SQS applies them. Read-only attributes (counts, timestamps, the ARN) belong to
 * {@link SqsQueue}.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
 */
final class QueueAttributes {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A whole-number attribute: its range. */
    private record Range(long min, long max) {
    }

    private static final Map<String, Range> NUMBERS = Map.of(
            "DelaySeconds", new Range(0, 900),
            "MaximumMessageSize", new Range(1024, 1_048_576),
            "MessageRetentionPeriod", new Range(60, 1_209_600),
            "ReceiveMessageWaitTimeSeconds", new Range(0, 20),
            "VisibilityTimeout", new Range(0, 43_200),
            "KmsDataKeyReusePeriodSeconds", new Range(60, 86_400));
    /** Attributes kept as given: they change nothing in the simulator (policies, encryption). */
    private static final Set<String> PASSIVE = Set.of("Policy", "KmsMasterKeyId", "SqsManagedSseEnabled", "RedriveAllowPolicy");
    /** Settable attributes that only FIFO queues have; spotsim serves standard queues. */
    private static final Set<String> FIFO = Set.of("FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit");
    /** Every read-only attribute GetQueueAttributes knows. */
    static final List<String> READ_ONLY = List.of("QueueArn", "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
            "ApproximateNumberOfMessagesDelayed", "CreatedTimestamp", "LastModifiedTimestamp");

    private QueueAttributes() {
    }

    /** The attributes of a new queue that sets none. */
    static Map<String, String> defaults() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("VisibilityTimeout", "30");
        a.put("MaximumMessageSize", "1048576");
        a.put("MessageRetentionPeriod", "345600");
        a.put("DelaySeconds", "0");
        a.put("ReceiveMessageWaitTimeSeconds", "0");
        a.put("SqsManagedSseEnabled", "true");
        return a;
    }

    /** Checks each attribute a caller sets; the error names the first bad one. */
    static Map<String, String> validate(Map<String, String> attributes) {
        Map<String, String> out = new LinkedHashMap<>();
        attributes.forEach((name, value) -> {
            Range range = NUMBERS.get(name);
            if (range != null) {
                out.put(name, Long.toString(number(name, value, range)));
            } else if (PASSIVE.contains(name)) {
                out.put(name, value);
            } else if (name.equals("RedrivePolicy")) {
                out.put(name, value.isEmpty() ? "" : redrivePolicy(value).toString());
            } else if (FIFO.contains(name)) {
                if (!name.equals("FifoQueue") || !value.equals("false")) {
                    throw SqsError.INVALID_ATTRIBUTE_NAME.fault("Unknown Attribute " + name + ". spotsim serves standard queues only.");
                }
            } else {
                throw SqsError.INVALID_ATTRIBUTE_NAME.fault("Unknown Attribute " + name + ".");
            }
        });
        return out;
    }

    /** Whether GetQueueAttributes knows {@code name} (all settable and read-only ones, and "All"). */
    static boolean known(String name) {
        return name.equals("All") || NUMBERS.containsKey(name) || PASSIVE.contains(name) || FIFO.contains(name)
                || READ_ONLY.contains(name) || name.equals("RedrivePolicy");
    }

    /** Where messages received more than maxReceiveCount times go; null without a redrive policy. */
    record Redrive(String deadLetterTargetArn, int maxReceiveCount) {
    }

    static Redrive redrive(Map<String, String> attributes) {
        String policy = attributes.get("RedrivePolicy");
        if (policy == null || policy.isEmpty()) {
            return null;
        }
        JsonNode p = redrivePolicy(policy);
        return new Redrive(p.get("deadLetterTargetArn").asText(), p.get("maxReceiveCount").asInt());
    }

    static Duration seconds(Map<String, String> attributes, String name) {
        return Duration.ofSeconds(Long.parseLong(attributes.get(name)));
    }

    private static long number(String name, String value, Range range) {
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw SqsError.INVALID_ATTRIBUTE_VALUE.fault("Invalid value for the parameter " + name + ".");
        }
        if (n < range.min() || n > range.max()) {
            throw SqsError.INVALID_ATTRIBUTE_VALUE.fault("Invalid value for the parameter " + name + ": must be between "
                    + range.min() + " and " + range.max() + ", got " + n + ".");
        }
        return n;
    }

    private static JsonNode redrivePolicy(String value) {
        JsonNode p;
        try {
            p = JSON.readTree(value);
        } catch (Exception e) {
            p = null;
        }
        if (p == null || !p.isObject() || !p.path("deadLetterTargetArn").isTextual() || !p.path("deadLetterTargetArn").asText().startsWith("arn:")
                || p.path("maxReceiveCount").asInt(0) < 1 || p.path("maxReceiveCount").asInt(0) > 1000) {
            throw SqsError.INVALID_ATTRIBUTE_VALUE.fault("Invalid value for the parameter RedrivePolicy. Reason: expected "
                    + "{\"deadLetterTargetArn\":\"arn:aws:sqs:...\",\"maxReceiveCount\":1..1000}.");
        }
        return JSON.createObjectNode().put("deadLetterTargetArn", p.get("deadLetterTargetArn").asText())
                .put("maxReceiveCount", p.path("maxReceiveCount").asInt());
    }
}
