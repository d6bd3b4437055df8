package dev.spotsim.cli.client;

/** The control API refused a request or could not be reached; the message is what the user reads. */
public final class ApiException extends RuntimeException {
    private final int status;

    /** @param status the HTTP status of the refusal, or 0 when no answer came (unreachable, broken) */
    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** True when the simulator answered and refused this one request (4xx/5xx), so others may still succeed. */
    public boolean refused() {
        return status >= 400;
    }
}
