package dev.spotsim.simulator.fleet;

import java.time.Duration;

/**
 * One Auto Scaling lifecycle hook: it holds instances in {@code Pending:Wait} or
 * {@code Terminating:Wait} until the action is completed, its heartbeat times out (then
 * {@code defaultResult} applies), or the global timeout passes.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/lifecycle-hooks.html
 *
 * @param notificationMetadata passed through to the lifecycle-action events (may be null)
 * @param notificationTargetArn and {@code roleArn}: kept and described; the event bus delivers (may be null)
 */
public record LifecycleHook(String name, Transition transition, Duration heartbeatTimeout, Result defaultResult,
                            String notificationMetadata, String notificationTargetArn, String roleArn) {
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofHours(1);
    public static final Duration MIN_HEARTBEAT = Duration.ofSeconds(30);
    public static final Duration MAX_HEARTBEAT = Duration.ofHours(2);
    /** The global timeout is 100 heartbeat timeouts or 48 hours, whichever is smaller. */
    public static final Duration MAX_GLOBAL_TIMEOUT = Duration.ofHours(48);

    /** The two transitions a hook can hold. */
    public enum Transition {
        LAUNCHING("autoscaling:EC2_INSTANCE_LAUNCHING", "Pending:Wait"),
        TERMINATING("autoscaling:EC2_INSTANCE_TERMINATING", "Terminating:Wait");

        private final String wireName;
        private final String waitState;

        Transition(String wireName, String waitState) {
            this.wireName = wireName;
            this.waitState = waitState;
        }

        public String wireName() {
            return wireName;
        }

        /** The Auto Scaling lifecycle state while the hook holds the instance. */
        public String waitState() {
            return waitState;
        }

        /** The transition AWS names {@code wireName}, or null. */
        public static Transition parse(String wireName) {
            for (Transition t : values()) {
                if (t.wireName.equals(wireName)) {
                    return t;
                }
            }
            return null;
        }
    }

    /** What happens when the action completes: continue, or abandon (a launching instance is terminated). */
    public enum Result { CONTINUE, ABANDON }

    public LifecycleHook {
        if (name == null || !name.matches("[A-Za-z0-9\\-_/]{1,255}")) {
            throw new IllegalArgumentException("LifecycleHookName: expected 1..255 letters, digits, '-', '_' or '/', got \"" + name + "\"");
        }
        if (transition == null) {
            throw new IllegalArgumentException("LifecycleTransition: expected autoscaling:EC2_INSTANCE_LAUNCHING or autoscaling:EC2_INSTANCE_TERMINATING");
        }
        heartbeatTimeout = heartbeatTimeout == null ? DEFAULT_HEARTBEAT : heartbeatTimeout;
        if (heartbeatTimeout.compareTo(MIN_HEARTBEAT) < 0 || heartbeatTimeout.compareTo(MAX_HEARTBEAT) > 0) {
            throw new IllegalArgumentException("HeartbeatTimeout: expected 30..7200 seconds, got " + heartbeatTimeout.toSeconds());
        }
        defaultResult = defaultResult == null ? Result.ABANDON : defaultResult;
    }

    /** How long an action may last in all, heartbeats included. */
    public Duration globalTimeout() {
        Duration hundred = heartbeatTimeout.multipliedBy(100);
        return hundred.compareTo(MAX_GLOBAL_TIMEOUT) < 0 ? hundred : MAX_GLOBAL_TIMEOUT;
    }
}
