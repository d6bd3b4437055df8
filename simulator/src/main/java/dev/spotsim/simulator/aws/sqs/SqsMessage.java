package dev.spotsim.simulator.aws.sqs;

import java.time.Instant;
import java.util.Map;

/** One message in a queue and its delivery state (system attributes: AWSTraceHeader). Mutated only under its queue's lock. */
final class SqsMessage {
    final String messageId;
    final String body;
    final Map<String, MessageAttribute> attributes;
    final Map<String, MessageAttribute> systemAttributes;
    final String senderId;
    final Instant sentAt;
    /** When the message may next be received: after its delay, or when its visibility timeout ends. */
    Instant visibleAt;
    int receiveCount;
    Instant firstReceivedAt;
    /** The receipt handle of the latest receive; null while never received. */
    String receiptHandle;

    SqsMessage(String messageId, String body, Map<String, MessageAttribute> attributes, Map<String, MessageAttribute> systemAttributes,
               String senderId, Instant sentAt, Instant visibleAt) {
        this.messageId = messageId;
        this.body = body;
        this.attributes = Map.copyOf(attributes);
        this.systemAttributes = Map.copyOf(systemAttributes);
        this.senderId = senderId;
        this.sentAt = sentAt;
        this.visibleAt = visibleAt;
    }

    boolean visible(Instant now) {
        return !visibleAt.isAfter(now);
    }

    /** Received at least once and its visibility timeout not yet over. */
    boolean inFlight(Instant now) {
        return receiveCount > 0 && !visible(now);
    }

    /** Never received and still within its delay. */
    boolean delayed(Instant now) {
        return receiveCount == 0 && !visible(now);
    }
}
