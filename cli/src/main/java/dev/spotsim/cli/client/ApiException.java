package dev.spotsim.cli.client;

/** The control API refused a request or could not be reached; the message is what the user reads. */
public final class ApiException extends RuntimeException {
    public ApiException(String message) {
        super(message);
    }
}
