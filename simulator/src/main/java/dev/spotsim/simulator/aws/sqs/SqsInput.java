package dev.spotsim.simulator.aws.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One SQS request's members in JSON shape (query requests are turned into this shape first), read
 * with SQS's own validation messages.
 */
record SqsInput(ObjectNode json) {
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
    private static final Pattern DATA_TYPE = Pattern.compile("(String|Number|Binary)(\\.[A-Za-z0-9_.-]{1,256})?");
    /** At most ten message attributes per message. */
    private static final int MAX_MESSAGE_ATTRIBUTES = 10;

    String string(String name) {
        JsonNode n = json.get(name);
        return n == null || n.isNull() ? null : n.asText();
    }

    String required(String name) {
        String s = string(name);
        if (s == null) {
            throw SqsError.MISSING_PARAMETER.fault("The request must contain the parameter " + name + ".");
        }
        return s;
    }

    /** An optional whole number in {@code min..max}, or null. */
    Integer integer(String name, int min, int max) {
        String s = string(name);
        if (s == null) {
            return null;
        }
        try {
            int v = Integer.parseInt(s.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through to the same message SQS gives for out-of-range values
        }
        throw SqsError.INVALID_PARAMETER_VALUE.fault("Value " + s + " for parameter " + name + " is invalid. Reason: Must be between "
                + min + " and " + max + ", if provided.");
    }

    Duration seconds(String name, int min, int max) {
        Integer v = integer(name, min, max);
        return v == null ? null : Duration.ofSeconds(v);
    }

    List<String> strings(String name) {
        List<String> out = new ArrayList<>();
        json.path(name).forEach(n -> out.add(n.asText()));
        return out;
    }

    /** A string-to-string map member (queue attributes, tags). */
    Map<String, String> stringMap(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        json.path(name).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** Entries of a batch: 1..10, distinct ids of up to 80 letters, digits, hyphens and underscores. */
    List<SqsInput> entries() {
        List<SqsInput> out = new ArrayList<>();
        json.path("Entries").forEach(e -> out.add(new SqsInput(e.isObject() ? (ObjectNode) e : json.objectNode())));
        if (out.isEmpty()) {
            throw SqsError.EMPTY_BATCH_REQUEST.fault("There should be at least one SendMessageBatchRequestEntry in the request.");
        }
        if (out.size() > 10) {
            throw SqsError.TOO_MANY_ENTRIES_IN_BATCH_REQUEST.fault("Maximum number of entries per request are 10. You have sent "
                    + out.size() + ".");
        }
        List<String> ids = new ArrayList<>();
        for (SqsInput e : out) {
            String id = e.string("Id");
            if (id == null || !id.matches("[A-Za-z0-9_-]{1,80}")) {
                throw SqsError.INVALID_BATCH_ENTRY_ID.fault("A batch entry id can only contain alphanumeric characters, hyphens and "
                        + "underscores. It can be at most 80 letters long.");
            }
            if (ids.contains(id)) {
                throw SqsError.BATCH_ENTRY_IDS_NOT_DISTINCT.fault("Id " + id + " repeated.");
            }
            ids.add(id);
        }
        return out;
    }

    /** MessageAttributes (or MessageSystemAttributes): checked names, data types and values. */
    Map<String, MessageAttribute> messageAttributes(String member) {
        Map<String, MessageAttribute> out = new LinkedHashMap<>();
        JsonNode node = json.path(member);
        if (node.size() > MAX_MESSAGE_ATTRIBUTES) {
            throw SqsError.INVALID_PARAMETER_VALUE.fault("Number of message attributes [" + node.size()
                    + "] exceeds the allowed maximum [" + MAX_MESSAGE_ATTRIBUTES + "].");
        }
        node.fields().forEachRemaining(e -> out.put(checkedName(e.getKey()), attribute(e.getKey(), e.getValue())));
        return out;
    }

    private static String checkedName(String name) {
        String lower = name.toLowerCase();
        if (!ATTRIBUTE_NAME.matcher(name).matches() || name.startsWith(".") || name.endsWith(".") || name.contains("..")
                || lower.startsWith("aws.") || lower.startsWith("amazon.")) {
            throw SqsError.INVALID_PARAMETER_VALUE.fault("Message attribute name '" + name + "' is invalid: up to 256 letters, digits, "
                    + "'-', '_' and '.', not starting with AWS. or Amazon., no leading, trailing or repeated '.'.");
        }
        return name;
    }

    private static MessageAttribute attribute(String name, JsonNode v) {
        String type = v.path("DataType").asText(null);
        if (type == null || !DATA_TYPE.matcher(type).matches()) {
            throw SqsError.INVALID_PARAMETER_VALUE.fault("The message attribute '" + name + "' has an invalid message attribute type, "
                    + "the set of supported type prefixes is Binary, Number, and String.");
        }
        if (type.startsWith("Binary")) {
            String b64 = v.path("BinaryValue").asText(null);
            if (b64 == null) {
                throw SqsError.INVALID_PARAMETER_VALUE.fault("The message attribute '" + name + "' with type 'Binary' must use field 'Binary'.");
            }
            try {
                return new MessageAttribute(type, null, Base64.getMimeDecoder().decode(b64));
            } catch (IllegalArgumentException e) {
                throw SqsError.INVALID_PARAMETER_VALUE.fault("The message attribute '" + name + "' has a BinaryValue that is not base64.");
            }
        }
        String s = v.path("StringValue").asText(null);
        if (s == null || s.isEmpty()) {
            throw SqsError.INVALID_PARAMETER_VALUE.fault("The message attribute '" + name + "' must contain non-empty message attribute "
                    + "value for message attribute type '" + type + "'.");
        }
        if (type.startsWith("Number")) {
            try {
                new BigDecimal(s);
            } catch (NumberFormatException e) {
                throw SqsError.INVALID_PARAMETER_VALUE.fault("Can't cast the value of message (user) attribute '" + name + "' to a number.");
            }
        }
        return new MessageAttribute(type, s, null);
    }
}
