package dev.spotsim.simulator.aws;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One AWS service served at the control port's root. The front door picks it by SigV4 signing
 * name (query protocols), {@code X-Amz-Target} prefix (JSON protocols) or REST path prefix, and
 * calls {@link #handle} on a worker thread (never an event loop): a long poll may complete later.
 */
public interface AwsService {
    /** The SigV4 signing name, e.g. "ec2", "autoscaling", "sqs". */
    String signingName();

    /** The protocol this service answers on. SQS answers JSON 1.0 and query: it lists JSON_1_0 and overrides {@link #protocols}. */
    AwsProtocol protocol();

    /** Every protocol it accepts (default: just {@link #protocol()}). */
    default List<AwsProtocol> protocols() {
        return List.of(protocol());
    }

    /** JSON protocols: the X-Amz-Target prefix before the dot, e.g. "AmazonSSM". */
    default List<String> targetPrefixes() {
        return List.of();
    }

    /** Query protocols: the API {@code Version} parameter, used when a request carries no SigV4 scope. */
    default String apiVersion() {
        return null;
    }

    /** Query protocols: the XML namespace of answers and errors. */
    default String xmlNamespace() {
        return null;
    }

    /** REST protocols: the first path segments it owns, e.g. "/experiments". */
    default List<String> pathPrefixes() {
        return List.of();
    }

    /**
     * The error a throttled call answers: EC2's 503 RequestLimitExceeded, the query protocol's 400
     * Throttling, the JSON protocols' 400 ThrottlingException. Override where a service differs (SQS).
     * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/throttling.html
     */
    default AwsException throttlingError() {
        return switch (protocol()) {
            case EC2 -> new AwsException(503, "RequestLimitExceeded", "Request limit exceeded.", false, java.util.Map.of());
            case QUERY -> new AwsException(400, "Throttling", "Rate exceeded");
            default -> new AwsException(400, "ThrottlingException", "Rate exceeded");
        };
    }

    /**
     * The simulator's global reset: every resource this service holds (templates, commands, queues, rules, ...)
     * is removed and anything still running is stopped; returns how many resources there were.
     */
    default int reset() {
        return 0;
    }

    /** Answers one call; throws (or completes exceptionally with) {@link AwsException} for AWS errors. */
    CompletableFuture<AwsResponse> handle(AwsRequest request);
}
