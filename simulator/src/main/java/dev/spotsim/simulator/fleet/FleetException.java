package dev.spotsim.simulator.fleet;

/** A request the fleet cannot carry out: the instance does not exist, or its state forbids it. */
public final class FleetException extends RuntimeException {
    /** Why the request was refused; the control API maps these to 404 and 409. */
    public enum Kind { NOT_FOUND, CONFLICT }

    private final Kind kind;

    public FleetException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static FleetException notFound(String instanceId) {
        return new FleetException(Kind.NOT_FOUND, "no instance " + instanceId);
    }

    static FleetException conflict(String message) {
        return new FleetException(Kind.CONFLICT, message);
    }
}
