package dev.spotsim.simulator.aws.sqs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What ReceiveMessage returns of each message: the system and message attributes asked for, and their digests. */
final class SqsReceiving {
    private static final List<String> SYSTEM = List.of("SenderId", "SentTimestamp", "ApproximateReceiveCount",
            "ApproximateFirstReceiveTimestamp", "AWSTraceHeader");

    private SqsReceiving() {
    }

    /** The system attribute names (AttributeNames and MessageSystemAttributeNames together) and message attribute names asked for. */
    record Selection(Set<String> system, List<String> messageAttributes) {
        boolean wantsAttribute(String name) {
            for (String pattern : messageAttributes) {
                if (pattern.equals("All") || pattern.equals(".*") || pattern.equals(name)
                        || (pattern.endsWith(".*") && name.startsWith(pattern.substring(0, pattern.length() - 1)))) {
                    return true;
                }
            }
            return false;
        }
    }

    static Selection selection(SqsInput in) {
        Set<String> system = new LinkedHashSet<>(in.strings("AttributeNames"));
        system.addAll(in.strings("MessageSystemAttributeNames"));
        if (system.contains("All")) {
            system.addAll(SYSTEM);
        }
        return new Selection(system, in.strings("MessageAttributeNames"));
    }

    static ObjectNode output(List<SqsQueue.Received> received, Selection selection) {
        ObjectNode out = SqsApi.JSON.createObjectNode();
        if (received.isEmpty()) {
            return out;
        }
        ArrayNode messages = out.putArray("Messages");
        for (SqsQueue.Received r : received) {
            messages.add(message(r, selection));
        }
        return out;
    }

    private static ObjectNode message(SqsQueue.Received r, Selection selection) {
        SqsMessage m = r.message();
        ObjectNode o = SqsApi.JSON.createObjectNode();
        o.put("MessageId", m.messageId);
        o.put("ReceiptHandle", r.receiptHandle());
        o.put("MD5OfBody", MessageAttribute.md5Hex(m.body));
        o.put("Body", m.body);
        ObjectNode system = SqsApi.JSON.createObjectNode();
        for (String name : SYSTEM) {
            String value = systemAttribute(m, name);
            if (selection.system().contains(name) && value != null) {
                system.put(name, value);
            }
        }
        if (!system.isEmpty()) {
            o.set("Attributes", system);
        }
        Map<String, MessageAttribute> chosen = new LinkedHashMap<>();
        m.attributes.forEach((k, v) -> {
            if (selection.wantsAttribute(k)) {
                chosen.put(k, v);
            }
        });
        if (!chosen.isEmpty()) {
            o.put("MD5OfMessageAttributes", MessageAttribute.md5Hex(chosen));
            ObjectNode attrs = o.putObject("MessageAttributes");
            chosen.forEach((k, v) -> {
                ObjectNode a = attrs.putObject(k);
                if (v.binary()) {
                    a.put("BinaryValue", Base64.getEncoder().encodeToString(v.binaryValue()));
                } else {
                    a.put("StringValue", v.stringValue());
                }
                a.put("DataType", v.dataType());
            });
        }
        return o;
    }

    private static String systemAttribute(SqsMessage m, String name) {
        return switch (name) {
            case "SenderId" -> m.senderId;
            case "SentTimestamp" -> Long.toString(m.sentAt.toEpochMilli());
            case "ApproximateReceiveCount" -> Integer.toString(m.receiveCount);
            case "ApproximateFirstReceiveTimestamp" -> Long.toString(m.firstReceivedAt.toEpochMilli());
            case "AWSTraceHeader" -> m.systemAttributes.containsKey(name) ? m.systemAttributes.get(name).stringValue() : null;
            default -> null;
        };
    }
}
