package dev.spotsim.simulator.aws.sqs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotsim.simulator.aws.Paging;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The SQS operations on JSON-shaped members, whatever protocol the request came in. Each returns
 * the output members as botocore's SQS model names them.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_Operations.html
 */
final class SqsApi {
    static final ObjectMapper JSON = new ObjectMapper();
    private final SqsQueues queues;

    /** Who is calling and through which endpoint: queue URLs are built from the Host the client used. */
    record Caller(String region, String host, String senderId, Consumer<TimedWake> timers) {
        String queueUrl(SqsQueue q) {
            return "http://" + host + "/" + q.accountId + "/" + q.name;
        }
    }

    /** A long poll's end, after {@code delay} of real time. */
    record TimedWake(Duration delay, Runnable action) {
    }

    SqsApi(SqsQueues queues) {
        this.queues = queues;
    }

    ObjectNode createQueue(SqsInput in, Caller c) {
        SqsQueue q = queues.create(in.required("QueueName"), c.region(), in.stringMap("Attributes"));
        return JSON.createObjectNode().put("QueueUrl", c.queueUrl(q));
    }

    ObjectNode getQueueUrl(SqsInput in, Caller c) {
        SqsQueue q = queues.byName(in.required("QueueName"), in.string("QueueOwnerAWSAccountId"));
        return JSON.createObjectNode().put("QueueUrl", c.queueUrl(q));
    }

    ObjectNode deleteQueue(SqsInput in) {
        queues.delete(queues.byUrl(in.string("QueueUrl")));
        return JSON.createObjectNode();
    }

    /** Pages only when MaxResults is given, as SQS does (up to 1000 URLs otherwise). */
    ObjectNode listQueues(SqsInput in, Caller c) {
        Integer max = in.integer("MaxResults", 1, 1000);
        Paging.Page<SqsQueue> page;
        try {
            page = Paging.page(queues.list(in.string("QueueNamePrefix")), q -> q.name, in.string("NextToken"), max == null ? 1000 : max);
        } catch (IllegalArgumentException e) {
            throw SqsError.INVALID_PARAMETER_VALUE.fault("Invalid NextToken value.");
        }
        ObjectNode out = JSON.createObjectNode();
        if (!page.items().isEmpty()) {
            ArrayNode urls = out.putArray("QueueUrls");
            page.items().forEach(q -> urls.add(c.queueUrl(q)));
        }
        if (max != null && page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }

    ObjectNode getQueueAttributes(SqsInput in) {
        SqsQueue q = queues.byUrl(in.string("QueueUrl"));
        List<String> names = in.strings("AttributeNames");
        for (String n : names) {
            if (!QueueAttributes.known(n)) {
                throw SqsError.INVALID_ATTRIBUTE_NAME.fault("Unknown Attribute " + n + ".");
            }
        }
        Map<String, String> all = q.allAttributes();
        ObjectNode attrs = JSON.createObjectNode();
        all.forEach((k, v) -> {
            if (names.contains("All") || names.contains(k)) {
                attrs.put(k, v);
            }
        });
        ObjectNode out = JSON.createObjectNode();
        if (!attrs.isEmpty()) {
            out.set("Attributes", attrs);
        }
        return out;
    }

    ObjectNode setQueueAttributes(SqsInput in) {
        SqsQueue q = queues.byUrl(in.string("QueueUrl"));
        q.setAttributes(QueueAttributes.validate(in.stringMap("Attributes")));
        return JSON.createObjectNode();
    }

    ObjectNode purgeQueue(SqsInput in) {
        queues.byUrl(in.string("QueueUrl")).purge();
        return JSON.createObjectNode();
    }

    ObjectNode sendMessage(SqsInput in, Caller c) {
        return SqsSending.send(queues.byUrl(in.string("QueueUrl")), in, c.senderId());
    }

    ObjectNode sendMessageBatch(SqsInput in, Caller c) {
        SqsQueue q = queues.byUrl(in.string("QueueUrl"));
        return SqsSending.sendBatch(q, in, c.senderId());
    }

    CompletableFuture<ObjectNode> receiveMessage(SqsInput in, Caller c) {
        SqsQueue q = queues.byUrl(in.string("QueueUrl"));
        Integer max = in.integer("MaxNumberOfMessages", 1, 10);
        Duration visibility = in.seconds("VisibilityTimeout", 0, 43_200);
        Duration wait = in.seconds("WaitTimeSeconds", 0, 20);
        if (wait == null) {
            wait = QueueAttributes.seconds(q.settableAttributes(), "ReceiveMessageWaitTimeSeconds");
        }
        SqsReceiving.Selection selection = SqsReceiving.selection(in);
        SqsQueue.ReceiveRequest request = new SqsQueue.ReceiveRequest(max == null ? 1 : max, visibility);
        Duration w = wait;
        return q.receive(request, wait, action -> c.timers().accept(new TimedWake(w, action)), m -> deadLetter(q, m))
                .thenApply(received -> SqsReceiving.output(received, selection));
    }

    /** Moves a message that exceeded maxReceiveCount to the dead-letter queue, if that queue exists. */
    private void deadLetter(SqsQueue from, SqsMessage m) {
        QueueAttributes.Redrive r = QueueAttributes.redrive(from.settableAttributes());
        SqsQueues.SqsQueueRef dlq = r == null ? null : queues.byArn(r.deadLetterTargetArn());
        if (dlq != null) {
            dlq.resend(m);
        }
    }

    ObjectNode deleteMessage(SqsInput in) {
        SqsQueue q = queues.byUrl(in.string("QueueUrl"));
        q.delete(ReceiptHandles.parse(in.required("ReceiptHandle"), q.name).messageId());
        return JSON.createObjectNode();
    }

    ObjectNode changeMessageVisibility(SqsInput in) {
        SqsQueue q = queues.byUrl(in.string("QueueUrl"));
        changeVisibility(q, in);
        return JSON.createObjectNode();
    }

    private static void changeVisibility(SqsQueue q, SqsInput in) {
        String handle = in.required("ReceiptHandle");
        Duration timeout = in.seconds("VisibilityTimeout", 0, 43_200);
        if (timeout == null) {
            throw SqsError.MISSING_PARAMETER.fault("The request must contain the parameter VisibilityTimeout.");
        }
        q.changeVisibility(ReceiptHandles.parse(handle, q.name).messageId(), timeout);
    }

    ObjectNode deleteMessageBatch(SqsInput in) {
        SqsQueue q = queues.byUrl(in.string("QueueUrl"));
        return SqsSending.eachEntry(in.entries(), e -> q.delete(ReceiptHandles.parse(e.required("ReceiptHandle"), q.name).messageId()));
    }

    ObjectNode changeMessageVisibilityBatch(SqsInput in) {
        SqsQueue q = queues.byUrl(in.string("QueueUrl"));
        return SqsSending.eachEntry(in.entries(), e -> changeVisibility(q, e));
    }
}
