package dev.spotsim.gatling;

import java.util.Locale;

/**
 * Names why a request failed. A 5xx answer is its own cause ("502", "503", "504": the codes a load
 * balancer returns when a target drops, none is healthy, or one is too slow); other failures get a name.
 */
public final class FailureCause {
    /** No answer within the request timeout (or the connection could not be opened in time). */
    public static final String TIMEOUT = "timeout";
    /** Nothing listens at the target's port. */
    public static final String CONNECTION_REFUSED = "connection-refused";
    /** The peer reset the connection. */
    public static final String CONNECTION_RESET = "connection-reset";
    /** The connection closed before a whole answer arrived. */
    public static final String CONNECTION_CLOSED = "connection-closed";
    /** Any 4xx answer. */
    public static final String STATUS_4XX = "status-4xx";
    /** An answer that a Simulation's own check refused (e.g. a body check on a 200). */
    public static final String CHECK_FAILED = "check-failed";
    /** Gatling could not even build or send the request (e.g. a bad expression in a user's Simulation). */
    public static final String CRASHED = "crashed";
    /** A failure without an answer that none of the names above fits. */
    public static final String OTHER = "other";

    private FailureCause() {
    }

    /**
     * The cause of a failed request.
     *
     * @param status the HTTP status, 0 when no answer came
     * @param message Gatling's error message (e.g. "j.n.ConnectException: Connection refused"), may be null
     */
    public static String of(int status, String message) {
        if (status >= 500) {
            return Integer.toString(status);
        }
        if (status >= 400) {
            return STATUS_4XX;
        }
        if (status > 0) {
            return CHECK_FAILED;
        }
        return ofMessage(message == null ? "" : message.toLowerCase(Locale.ROOT));
    }

    // Gatling shortens exception class names ("j.n.ConnectException", "i.n.c.ConnectTimeoutException"),
    // so match on the message words the JDK, Netty and Gatling's client use.
    private static String ofMessage(String message) {
        if (message.contains("request timeout") || message.contains("timed out") || message.contains("timeoutexception")) {
            return TIMEOUT;
        }
        if (message.contains("connection refused")) {
            return CONNECTION_REFUSED;
        }
        if (message.contains("connection reset")) {
            return CONNECTION_RESET;
        }
        if (message.contains("premature close") || message.contains("closedchannelexception") || message.contains("closed")) {
            return CONNECTION_CLOSED;
        }
        return OTHER;
    }
}
