package dev.spotsim.simulator.aws;

import java.util.Map;

/**
 * An AWS error as the service names it: the front door renders it in the protocol's own error
 * shape. {@code code} is AWS's ("InvalidInstanceID.NotFound", "ValidationError",
 * "ResourceNotFoundException"); {@code sender} false means a server-side fault.
 */
public class AwsException extends RuntimeException {
    private final int status;
    private final String code;
    private final boolean sender;
    private final Map<String, String> headers;

    public AwsException(int status, String code, String message) {
        this(status, code, message, true, Map.of());
    }

    public AwsException(int status, String code, String message, boolean sender, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.code = code;
        this.sender = sender;
        this.headers = Map.copyOf(headers);
    }

    /** 400 with {@code code}: the common client error. */
    public static AwsException badRequest(String code, String message) {
        return new AwsException(400, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public boolean sender() {
        return sender;
    }

    /** Extra headers (e.g. SQS's {@code x-amzn-query-error}). */
    public Map<String, String> headers() {
        return headers;
    }
}
