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

    /** Answers one call; throws (or completes exceptionally with) {@link AwsException} for AWS errors. */
    CompletableFuture<AwsResponse> handle(AwsRequest request);
}
