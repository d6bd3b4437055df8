package dev.spotsim.simulator.aws.sqs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** SendMessage and the batch operations: the body's checks, the digests, and per-entry results. */
final class SqsSending {
    private SqsSending() {
    }

    static ObjectNode send(SqsQueue q, SqsInput in, String senderId) {
        String body = in.required("MessageBody");
        Map<String, MessageAttribute> attrs = in.messageAttributes("MessageAttributes");
        Map<String, MessageAttribute> system = in.messageAttributes("MessageSystemAttributes");
        for (String name : system.keySet()) {
            if (!name.equals("AWSTraceHeader")) {
                throw SqsError.INVALID_PARAMETER_VALUE.fault("Message system attribute name '" + name + "' is invalid: only AWSTraceHeader.");
            }
        }
        checkBody(q, body, attrs);
        Duration delay = in.seconds("DelaySeconds", 0, 900);
        SqsMessage m = q.send(body, attrs, system, senderId, delay);
        ObjectNode out = SqsApi.JSON.createObjectNode();
        out.put("MD5OfMessageBody", MessageAttribute.md5Hex(body));
        putIfNotNull(out, "MD5OfMessageAttributes", MessageAttribute.md5Hex(attrs));
        putIfNotNull(out, "MD5OfMessageSystemAttributes", MessageAttribute.md5Hex(system));
        out.put("MessageId", m.messageId);
        return out;
    }

    static ObjectNode sendBatch(SqsQueue q, SqsInput in, String senderId) {
        List<SqsInput> entries = in.entries();
        long total = entries.stream().mapToLong(e -> size(e.string("MessageBody"), Map.of())).sum();
        int limit = Integer.parseInt(q.settableAttributes().get("MaximumMessageSize"));
        if (total > limit) {
            throw SqsError.BATCH_REQUEST_TOO_LONG.fault("Batch requests cannot be longer than " + limit + " bytes. You have sent "
                    + total + " bytes.");
        }
        ObjectNode out = SqsApi.JSON.createObjectNode();
        ArrayNode ok = out.putArray("Successful");
        ArrayNode failed = out.putArray("Failed");
        for (SqsInput e : entries) {
            try {
                ObjectNode r = send(q, e, senderId);
                ok.addObject().put("Id", e.string("Id")).setAll(r);
            } catch (SqsError.SqsFault f) {
                failure(failed, e.string("Id"), f);
            }
        }
        return out;
    }

    /** Runs {@code action} on each entry; an entry that fails is listed under Failed, the others under Successful. */
    static ObjectNode eachEntry(List<SqsInput> entries, Consumer<SqsInput> action) {
        ObjectNode out = SqsApi.JSON.createObjectNode();
        ArrayNode ok = out.putArray("Successful");
        ArrayNode failed = out.putArray("Failed");
        for (SqsInput e : entries) {
            try {
                action.accept(e);
                ok.addObject().put("Id", e.string("Id"));
            } catch (SqsError.SqsFault f) {
                failure(failed, e.string("Id"), f);
            }
        }
        return out;
    }

    private static void failure(ArrayNode failed, String id, SqsError.SqsFault f) {
        failed.addObject().put("Id", id).put("SenderFault", true).put("Code", f.error().queryCode()).put("Message", f.getMessage());
    }

    /**
     * A body of at least one character from XML's allowed set, and body plus attributes within the
     * queue's MaximumMessageSize.
     * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
     */
    private static void checkBody(SqsQueue q, String body, Map<String, MessageAttribute> attrs) {
        if (body.isEmpty()) {
            throw SqsError.MISSING_PARAMETER.fault("The request must contain the parameter MessageBody.");
        }
        int i = 0;
        while (i < body.length()) {
            int c = body.codePointAt(i);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
            if (!allowed) {
                throw SqsError.INVALID_MESSAGE_CONTENTS.fault("Invalid binary character '#x" + Integer.toHexString(c).toUpperCase()
                        + "' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | "
                        + "#xE000 to #xFFFD | #x10000 to #x10FFFF");
            }
            i += Character.charCount(c);
        }
        int limit = Integer.parseInt(q.settableAttributes().get("MaximumMessageSize"));
        if (size(body, attrs) > limit) {
            throw SqsError.INVALID_PARAMETER_VALUE.fault("One or more parameters are invalid. Reason: Message must be shorter than "
                    + limit + " bytes.");
        }
    }

    private static long size(String body, Map<String, MessageAttribute> attrs) {
        long n = body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
        for (Map.Entry<String, MessageAttribute> e : attrs.entrySet()) {
            n += e.getValue().size(e.getKey());
        }
        return n;
    }

    private static void putIfNotNull(ObjectNode out, String name, String value) {
        if (value != null) {
            out.put(name, value);
        }
    }
}
