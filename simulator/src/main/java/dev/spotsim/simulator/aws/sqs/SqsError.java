package dev.spotsim.simulator.aws.sqs;

import dev.spotsim.simulator.aws.AwsException;
import dev.spotsim.simulator.aws.AwsProtocol;
import java.util.Map;

/**
 * SQS's errors in both its protocols: JSON 1.0 names the modeled shape in {@code __type}
 * ({@code com.amazonaws.sqs#QueueDoesNotExist}) and the legacy query code in the
 * {@code x-amzn-query-error} header ({@code AWS.SimpleQueueService.NonExistentQueue;Sender}); the query
 * protocol puts that legacy code in {@code <Code>}. Codes from botocore's SQS model (awsQueryError).
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/CommonErrors.html
 */
public enum SqsError {
    QUEUE_DOES_NOT_EXIST("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", 400),
    QUEUE_NAME_EXISTS("QueueNameExists", "QueueAlreadyExists", 400),
    QUEUE_DELETED_RECENTLY("QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently", 400),
    PURGE_QUEUE_IN_PROGRESS("PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress", 403),
    RECEIPT_HANDLE_IS_INVALID("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", 404),
    MESSAGE_NOT_INFLIGHT("MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight", 400),
    INVALID_ATTRIBUTE_NAME("InvalidAttributeName", "InvalidAttributeName", 400),
    INVALID_ATTRIBUTE_VALUE("InvalidAttributeValue", "InvalidAttributeValue", 400),
    INVALID_MESSAGE_CONTENTS("InvalidMessageContents", "InvalidMessageContents", 400),
    EMPTY_BATCH_REQUEST("EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest", 400),
    TOO_MANY_ENTRIES_IN_BATCH_REQUEST("TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", 400),
    BATCH_ENTRY_IDS_NOT_DISTINCT("BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", 400),
    INVALID_BATCH_ENTRY_ID("InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId", 400),
    BATCH_REQUEST_TOO_LONG("BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong", 400),
    UNSUPPORTED_OPERATION("UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", 400),
    /** Common errors, not modeled shapes: SQS names them with an Exception suffix in JSON. */
    INVALID_PARAMETER_VALUE("InvalidParameterValueException", "InvalidParameterValue", 400),
    MISSING_PARAMETER("MissingParameterException", "MissingParameter", 400),
    INVALID_ACTION("InvalidActionException", "InvalidAction", 400);

    private final String shape;
    private final String queryCode;
    private final int status;

    SqsError(String shape, String queryCode, int status) {
        this.shape = shape;
        this.queryCode = queryCode;
        this.status = status;
    }

    /** The code a query client sees, and the one a JSON client's SDK reports from {@code x-amzn-query-error}. */
    public String queryCode() {
        return queryCode;
    }

    /** The exception for a request in {@code protocol}. */
    public AwsException toException(AwsProtocol protocol, String message) {
        String code = protocol.isJson() ? "com.amazonaws.sqs#" + shape : queryCode;
        return new AwsException(status, code, message, true, Map.of("x-amzn-query-error", queryCode + ";Sender"));
    }

    /** An error not yet tied to a protocol; {@link SqsService} renders it once it knows the request's. */
    public SqsFault fault(String message) {
        return new SqsFault(this, message);
    }

    /** A failed SQS call, thrown by the operations and translated at the edge. */
    public static final class SqsFault extends RuntimeException {
        private final SqsError error;

        SqsFault(SqsError error, String message) {
            super(message, null, false, false);
            this.error = error;
        }

        public SqsError error() {
            return error;
        }
    }
}
