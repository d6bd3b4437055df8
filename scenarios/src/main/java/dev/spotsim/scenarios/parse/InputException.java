package dev.spotsim.scenarios.parse;

/** Bad user input, with where it is and what was expected: {@code serve.yaml:14:5: instances[0].lifecycle: expected "spot" or "on-demand"}. */
public class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
