package dev.spotsim.client;

/**
 * The control API refused a request (its {@code {"error", "message"}} answer) or could not be reached;
 * the message is what a person reads.
 */
public final class ControlApiException extends RuntimeException {
    private final int status;
    private final String error;

    /**
     * @param status the HTTP status of the refusal, or 0 when no answer came (unreachable, broken)
     * @param error  the API's error code ({@code not_found}, {@code conflict}, {@code bad_request}, ...), or null
     */
    public ControlApiException(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    /** The HTTP status, or 0 when the simulator did not answer. */
    public int status() {
        return status;
    }

    /** The API's error code, such as {@code not_found} or {@code conflict}; null when there was none. */
    public String error() {
        return error;
    }

    /** True when the simulator answered and refused this one request (4xx/5xx), so others may still succeed. */
    public boolean refused() {
        return status >= 400;
    }
}
