package dev.spotsim.simulator.aws.sqs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotsim.simulator.aws.AwsContext;
import dev.spotsim.simulator.aws.AwsProtocol;
import dev.spotsim.simulator.aws.AwsRequest;
import dev.spotsim.simulator.aws.AwsResponse;
import dev.spotsim.simulator.aws.AwsService;
import dev.spotsim.simulator.aws.JsonBody;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amazon SQS in both protocols its clients speak: JSON 1.0 ({@code X-Amz-Target: AmazonSQS.*}, current
 * SDKs and CLIs) and query ({@code Action=...&Version=2012-11-05}, older ones). Standard queues with
 * delays, visibility timeouts, long polling, message attributes, batches and redrive.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/Welcome.html
 */
public final class SqsService implements AwsService {
    private static final Pattern ACCESS_KEY = Pattern.compile("Credential=([^/,\\s]+)/");
    /** Operations whose query answer has no Result element. */
    private static final Set<String> NO_RESULT = Set.of("DeleteQueue", "SetQueueAttributes", "PurgeQueue", "DeleteMessage",
            "ChangeMessageVisibility");
    private final AwsContext context;
    private final SqsApi api;

    private final SqsQueues queues;

    public SqsService(AwsContext context, SqsQueues queues) {
        this.context = context;
        this.queues = queues;
        this.api = new SqsApi(queues);
    }

    @Override
    public int reset() {
        return queues.clear();
    }

    @Override
    public String signingName() {
        return "sqs";
    }

    @Override
    public AwsProtocol protocol() {
        return AwsProtocol.JSON_1_0;
    }

    @Override
    public List<AwsProtocol> protocols() {
        return List.of(AwsProtocol.JSON_1_0, AwsProtocol.QUERY);
    }

    @Override
    public List<String> targetPrefixes() {
        return List.of("AmazonSQS");
    }

    @Override
    public String apiVersion() {
        return "2012-11-05";
    }

    @Override
    public String xmlNamespace() {
        return SqsQueryCodec.NAMESPACE;
    }

    @Override
    public CompletableFuture<AwsResponse> handle(AwsRequest request) {
        try {
            SqsInput in = new SqsInput(input(request));
            SqsApi.Caller caller = caller(request);
            return call(request.operation(), in, caller)
                    .thenApply(out -> render(request, out))
                    .exceptionally(e -> {
                        throw translate(request, e);
                    });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(translate(request, e));
        }
    }

    private CompletableFuture<ObjectNode> call(String op, SqsInput in, SqsApi.Caller c) {
        Function<SqsInput, ObjectNode> sync = switch (op) {
            case "CreateQueue" -> i -> api.createQueue(i, c);
            case "GetQueueUrl" -> i -> api.getQueueUrl(i, c);
            case "DeleteQueue" -> api::deleteQueue;
            case "ListQueues" -> i -> api.listQueues(i, c);
            case "GetQueueAttributes" -> api::getQueueAttributes;
            case "SetQueueAttributes" -> api::setQueueAttributes;
            case "PurgeQueue" -> api::purgeQueue;
            case "SendMessage" -> i -> api.sendMessage(i, c);
            case "SendMessageBatch" -> i -> api.sendMessageBatch(i, c);
            case "DeleteMessage" -> api::deleteMessage;
            case "DeleteMessageBatch" -> api::deleteMessageBatch;
            case "ChangeMessageVisibility" -> api::changeMessageVisibility;
            case "ChangeMessageVisibilityBatch" -> api::changeMessageVisibilityBatch;
            case "ReceiveMessage" -> null;
            default -> throw SqsError.INVALID_ACTION.fault("The action " + op + " is not valid for this endpoint (spotsim serves "
                    + "CreateQueue, GetQueueUrl, DeleteQueue, ListQueues, Get/SetQueueAttributes, PurgeQueue, SendMessage(Batch), "
                    + "ReceiveMessage, DeleteMessage(Batch), ChangeMessageVisibility(Batch)).");
        };
        return sync == null ? api.receiveMessage(in, c) : CompletableFuture.completedFuture(sync.apply(in));
    }

    private static ObjectNode input(AwsRequest request) {
        if (request.protocol().isQuery()) {
            ObjectNode in = SqsQueryCodec.toJson(request.params());
            // Older clients post to the queue URL itself and leave QueueUrl out.
            if (!in.has("QueueUrl") && request.path().matches("/[^/]+/[^/]+")) {
                in.put("QueueUrl", request.path());
            }
            return in;
        }
        return JsonBody.object(request, "com.amazon.coral.service#SerializationException");
    }

    private SqsApi.Caller caller(AwsRequest request) {
        String host = request.headers().getOrDefault("host", "127.0.0.1");
        String auth = request.headers().get("authorization");
        Matcher m = auth == null ? null : ACCESS_KEY.matcher(auth);
        String sender = m != null && m.find() ? m.group(1) : context.accountId();
        return new SqsApi.Caller(request.region(), host, sender,
                wake -> context.vertx().setTimer(Math.max(1, wake.delay().toMillis()), id -> wake.action().run()));
    }

    private static AwsResponse render(AwsRequest request, ObjectNode out) {
        if (request.protocol().isJson()) {
            return AwsResponse.json(request.protocol(), out.toString());
        }
        boolean hasResult = !NO_RESULT.contains(request.operation());
        return AwsResponse.xml(SqsQueryCodec.toXml(request.operation(), out, hasResult, request.requestId()));
    }

    private static RuntimeException translate(AwsRequest request, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof SqsError.SqsFault f) {
            return f.error().toException(request.protocol(), f.getMessage());
        }
        return cause instanceof RuntimeException r ? r : new CompletionException(cause);
    }
}
