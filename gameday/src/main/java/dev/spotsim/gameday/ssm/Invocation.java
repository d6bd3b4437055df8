package dev.spotsim.gameday.ssm;

/**
 * One command on one instance, as SSM reports it: status and detail, the script's exit code, and the
 * output SSM keeps inline (the first 24,000 characters of stdout, 8,000 of stderr; {@code stdoutCapped}
 * or {@code stderrCapped} says the text reached that cap and may have been cut).
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetCommandInvocation.html
 */
public record Invocation(String commandId, String instanceId, InvocationStatus status, String statusDetails, Integer responseCode,
                         String stdout, String stderr, boolean stdoutCapped, boolean stderrCapped,
                         String executionStart, String executionEnd) {
    /** SSM's inline caps for GetCommandInvocation output. */
    public static final int STDOUT_CAP = 24_000;
    public static final int STDERR_CAP = 8_000;

    /** An invocation whose status is known but whose output has not been read. */
    public static Invocation status(String commandId, String instanceId, InvocationStatus status, String details) {
        return new Invocation(commandId, instanceId, status, details, null, null, null, false, false, null, null);
    }
}
