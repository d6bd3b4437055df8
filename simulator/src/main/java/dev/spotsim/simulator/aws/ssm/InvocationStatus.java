package dev.spotsim.simulator.aws.ssm;

/**
 * Where one command invocation is (botocore's {@code CommandInvocationStatus}); the terminal ones
 * never change again. https://docs.aws.amazon.com/systems-manager/latest/userguide/monitor-commands.html
 */
enum InvocationStatus {
    PENDING("Pending"),
    IN_PROGRESS("InProgress"),
    SUCCESS("Success"),
    CANCELLED("Cancelled"),
    TIMED_OUT("TimedOut"),
    FAILED("Failed");

    private final String wireName;

    InvocationStatus(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    boolean terminal() {
        return this != PENDING && this != IN_PROGRESS;
    }

    /** The ListCommands/ListCommandInvocations {@code Status} filter value for this status. */
    static InvocationStatus parse(String wire) {
        for (InvocationStatus s : values()) {
            if (s.wireName.equals(wire)) {
                return s;
            }
        }
        return null;
    }
}
