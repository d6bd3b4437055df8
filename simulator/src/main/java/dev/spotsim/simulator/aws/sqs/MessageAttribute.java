package dev.spotsim.simulator.aws.sqs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * One message attribute: a data type ({@code String}, {@code Number}, {@code Binary}, each with an
 * optional {@code .custom} suffix) and a string or binary value.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
 */
public record MessageAttribute(String dataType, String stringValue, byte[] binaryValue) {
    /** Whether the value travels as binary (transport type 2) rather than as a string (1). */
    public boolean binary() {
        return dataType.startsWith("Binary");
    }

    /** The hex MD5 of a body, as MD5OfBody / MD5OfMessageBody. */
    public static String md5Hex(String body) {
        return HexFormat.of().formatHex(md5().digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * MD5OfMessageAttributes: over the attributes sorted by name, each as length-prefixed name, data
     * type, a transport byte (1 string, 2 binary) and length-prefixed value; null when there are none.
     * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html#sqs-attributes-md5-message-digest-calculation
     */
    public static String md5Hex(Map<String, MessageAttribute> attributes) {
        if (attributes.isEmpty()) {
            return null;
        }
        MessageDigest md5 = md5();
        for (Map.Entry<String, MessageAttribute> e : new TreeMap<>(attributes).entrySet()) {
            MessageAttribute a = e.getValue();
            lengthPrefixed(md5, e.getKey().getBytes(StandardCharsets.UTF_8));
            lengthPrefixed(md5, a.dataType().getBytes(StandardCharsets.UTF_8));
            md5.update((byte) (a.binary() ? 2 : 1));
            lengthPrefixed(md5, a.binary() ? a.binaryValue() : a.stringValue().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    /** The bytes the attribute counts against the message size limit. */
    public int size(String name) {
        int value = binary() ? binaryValue.length : stringValue.getBytes(StandardCharsets.UTF_8).length;
        return name.getBytes(StandardCharsets.UTF_8).length + dataType.getBytes(StandardCharsets.UTF_8).length + value;
    }

    private static void lengthPrefixed(MessageDigest md5, byte[] bytes) {
        md5.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        md5.update(bytes);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5", e);
        }
    }
}
