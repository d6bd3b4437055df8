package dev.spotsim.scenarios.check;

/** One thing {@code spotsim check} found: a timing that cannot fit the notice (error) or a risk (warning). */
public record Finding(Severity severity, String field, String message) {
    /** Errors make {@code check} exit 2; warnings are printed only. */
    public enum Severity { ERROR, WARNING }

    public static Finding error(String field, String message) {
        return new Finding(Severity.ERROR, field, message);
    }

    public static Finding warning(String field, String message) {
        return new Finding(Severity.WARNING, field, message);
    }
}
