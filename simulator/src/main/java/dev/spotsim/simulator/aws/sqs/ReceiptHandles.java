package dev.spotsim.simulator.aws.sqs;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Receipt handles: opaque to clients, new on every receive, and naming the queue and message they
 * came from so a handle from another queue or a made-up one is refused with ReceiptHandleIsInvalid.
 */
final class ReceiptHandles {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a handle names. */
    record Parsed(String queueName, String messageId) {
    }

    private ReceiptHandles() {
    }

    static String issue(String queueName, String messageId) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        String plain = queueName + "\n" + messageId + "\n" + HexFormat.of().formatHex(nonce);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The queue and message a handle names, for the queue the caller addressed. */
    static Parsed parse(String handle, String queueName) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(handle), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException e) {
            parts = new String[0];
        }
        if (parts.length != 3 || !parts[0].equals(queueName)) {
            throw SqsError.RECEIPT_HANDLE_IS_INVALID.fault("The input receipt handle \"" + handle + "\" is not a valid receipt handle.");
        }
        return new Parsed(parts[0], parts[1]);
    }
}
