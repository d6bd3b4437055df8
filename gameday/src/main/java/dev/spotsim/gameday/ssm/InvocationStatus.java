package dev.spotsim.gameday.ssm;

import java.util.Arrays;

/**
 * The status of one command on one instance; Success, Cancelled, TimedOut and Failed are final
 * (Delayed means SSM could not reach the instance yet and will retry).
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/monitor-commands.html
 */
public enum InvocationStatus {
    PENDING("Pending"), IN_PROGRESS("InProgress"), DELAYED("Delayed"), SUCCESS("Success"), CANCELLED("Cancelled"),
    TIMED_OUT("TimedOut"), FAILED("Failed"), CANCELLING("Cancelling"),
    /** Not listed by SSM yet (right after SendCommand), or a status this version does not know. */
    UNKNOWN("Unknown");

    private final String wireName;

    InvocationStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean isFinal() {
        return this == SUCCESS || this == CANCELLED || this == TIMED_OUT || this == FAILED;
    }

    public static InvocationStatus of(String wire) {
        return Arrays.stream(values()).filter(s -> s != UNKNOWN && s.wireName.equals(wire)).findFirst().orElse(UNKNOWN);
    }
}
