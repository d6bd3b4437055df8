package dev.spotsim.simulator.aws.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotsim.simulator.aws.Xml;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * SQS's query protocol in terms of its JSON shapes: flattened form parameters
 * ({@code Attribute.1.Name}, {@code MessageAttribute.1.Value.StringValue},
 * {@code SendMessageBatchRequestEntry.2.MessageBody}) become JSON members, and JSON results become
 * the XML answer ({@code <Attribute><Name/><Value/></Attribute>}, {@code <Message>}, ...), with the
 * location names of botocore's SQS model.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-making-api-requests-xml.html
 */
final class SqsQueryCodec {
    static final String NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/";
    /** Flattened lists: their query location name, and the JSON member. */
    private static final Map<String, String> LISTS = Map.of("AttributeName", "AttributeNames", "MessageAttributeName",
            "MessageAttributeNames", "MessageSystemAttributeName", "MessageSystemAttributeNames", "TagKey", "TagKeys",
            "SendMessageBatchRequestEntry", "Entries", "DeleteMessageBatchRequestEntry", "Entries",
            "ChangeMessageVisibilityBatchRequestEntry", "Entries");
    /** Flattened maps: their query location name, and the JSON member. */
    private static final Map<String, String> MAPS = Map.of("Attribute", "Attributes", "MessageAttribute", "MessageAttributes",
            "MessageSystemAttribute", "MessageSystemAttributes", "Tag", "tags");

    private SqsQueryCodec() {
    }

    /** The form parameters as the JSON request members. */
    static ObjectNode toJson(Map<String, String> params) {
        Node root = new Node();
        params.forEach((key, value) -> {
            if (!key.equals("Action") && !key.equals("Version")) {
                root.put(key.split("\\.", -1), 0, value);
            }
        });
        return members(root);
    }

    /** A parameter tree: children by name (or 1-based index), or a value. */
    private static final class Node {
        final Map<String, Node> children = new TreeMap<>(SqsQueryCodec::compareKeys);
        String value;

        void put(String[] path, int at, String v) {
            if (at == path.length) {
                value = v;
                return;
            }
            children.computeIfAbsent(path[at], k -> new Node()).put(path, at + 1, v);
        }
    }

    private static int compareKeys(String a, String b) {
        boolean na = a.matches("\\d+");
        boolean nb = b.matches("\\d+");
        return na && nb ? Long.compare(Long.parseLong(a), Long.parseLong(b)) : a.compareTo(b);
    }

    private static ObjectNode members(Node node) {
        ObjectNode out = SqsApi.JSON.createObjectNode();
        node.children.forEach((name, child) -> {
            if (LISTS.containsKey(name)) {
                var list = out.withArray(LISTS.get(name));
                child.children.values().forEach(item -> {
                    if (item.children.isEmpty()) {
                        list.add(item.value);
                    } else {
                        list.add(members(item));
                    }
                });
            } else if (MAPS.containsKey(name)) {
                ObjectNode map = out.withObject("/" + MAPS.get(name));
                String keyName = name.equals("Tag") ? "Key" : "Name";
                child.children.values().forEach(entry -> {
                    Node key = entry.children.get(keyName);
                    Node value = entry.children.get("Value");
                    if (key != null && key.value != null && value != null) {
                        if (value.children.isEmpty()) {
                            map.put(key.value, value.value);
                        } else {
                            map.set(key.value, members(value));
                        }
                    }
                });
            } else if (child.children.isEmpty()) {
                out.put(name, child.value);
            } else {
                out.set(name, members(child));
            }
        });
        return out;
    }

    /** The XML answer of {@code operation}: its result members (none for operations without output) and the request id. */
    static String toXml(String operation, ObjectNode result, boolean hasResult, String requestId) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?><").append(operation).append("Response xmlns=\"").append(NAMESPACE)
                .append("\">");
        if (hasResult) {
            b.append('<').append(operation).append("Result>");
            writeMembers(b, operation, result);
            b.append("</").append(operation).append("Result>");
        }
        b.append("<ResponseMetadata><RequestId>").append(requestId).append("</RequestId></ResponseMetadata></").append(operation)
                .append("Response>");
        return b.toString();
    }

    private static void writeMembers(StringBuilder b, String operation, JsonNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode v = e.getValue();
            switch (name) {
                case "QueueUrls" -> v.forEach(u -> element(b, "QueueUrl", u));
                case "Messages" -> v.forEach(m -> wrapped(b, "Message", operation, m));
                case "Successful" -> v.forEach(s -> wrapped(b, operation + "ResultEntry", operation, s));
                case "Failed" -> v.forEach(f -> wrapped(b, "BatchResultErrorEntry", operation, f));
                case "Attributes", "MessageAttributes", "Tags" -> mapEntries(b, name, operation, v);
                default -> {
                    if (v.isObject()) {
                        wrapped(b, name, operation, v);
                    } else {
                        element(b, name, v);
                    }
                }
            }
        }
    }

    private static void mapEntries(StringBuilder b, String member, String operation, JsonNode map) {
        String entry = member.equals("Tags") ? "Tag" : member.substring(0, member.length() - 1);
        String keyName = member.equals("Tags") ? "Key" : "Name";
        map.fields().forEachRemaining(f -> {
            b.append('<').append(entry).append("><").append(keyName).append('>').append(text(f.getKey())).append("</").append(keyName)
                    .append('>');
            if (f.getValue().isObject()) {
                wrapped(b, "Value", operation, f.getValue());
            } else {
                element(b, "Value", f.getValue());
            }
            b.append("</").append(entry).append('>');
        });
    }

    private static void wrapped(StringBuilder b, String name, String operation, JsonNode members) {
        b.append('<').append(name).append('>');
        writeMembers(b, operation, members);
        b.append("</").append(name).append('>');
    }

    private static void element(StringBuilder b, String name, JsonNode v) {
        b.append('<').append(name).append('>').append(text(v.asText())).append("</").append(name).append('>');
    }

    /** XML text; a carriage return is written as a reference so parsers keep it (XML would turn it into a newline). */
    private static String text(String s) {
        return Xml.escape(s).replace("\r", "&#xD;");
    }
}
