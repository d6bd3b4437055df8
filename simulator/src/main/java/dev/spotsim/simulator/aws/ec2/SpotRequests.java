package dev.spotsim.simulator.aws.ec2;

import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.instance.InterruptionAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The Spot Instance request behind each simulated Spot Instance: a stable {@code sir-} id, its state
 * and its status code as EC2 reports them through the instance's life.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-request-status.html
 */
final class SpotRequests {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private SpotRequests() {
    }

    /** State and status of a request at one moment. */
    record Status(String state, String code, String message, Instant updateTime) {
    }

    /** {@code sir-} and eight characters, derived from the instance id so it never changes; null for on-demand. */
    static String requestId(InstanceView v) {
        if (!v.identity().isSpot()) {
            return null;
        }
        UUID u = UUID.nameUUIDFromBytes(v.instanceId().getBytes(StandardCharsets.UTF_8));
        long bits = u.getMostSignificantBits() ^ u.getLeastSignificantBits();
        StringBuilder id = new StringBuilder("sir-");
        for (int i = 0; i < 8; i++) {
            id.append(ALPHABET.charAt((int) Long.remainderUnsigned(bits, ALPHABET.length())));
            bits = Long.divideUnsigned(bits, ALPHABET.length());
        }
        return id.toString();
    }

    /** A request whose instance may stop or hibernate on interruption is persistent; the others are one-time. */
    static boolean persistent(InstanceView v) {
        return v.interruption() != null && v.interruption().action() != InterruptionAction.TERMINATE;
    }

    static String interruptionBehavior(InstanceView v) {
        return v.interruption() == null ? "terminate" : v.interruption().action().name().toLowerCase();
    }

    static Status status(InstanceView v) {
        Instant at = v.stateChangedAt();
        if (v.noticed()) {
            String code = switch (v.interruption().action()) {
                case TERMINATE -> "marked-for-termination";
                case STOP -> "marked-for-stop";
                case HIBERNATE -> "marked-for-hibernation";
            };
            return new Status("active", code, "Your Spot Instance is " + code.replace('-', ' ') + ".", at);
        }
        if (Ec2States.interruptedBySpot(v)) {
            boolean stopped = v.state() == InstanceState.STOPPING || v.state() == InstanceState.STOPPED;
            return stopped
                    ? new Status("disabled", "instance-stopped-no-capacity", "Your Spot Instance was stopped because there is no Spot capacity available that matches your request.", at)
                    : new Status("closed", "instance-terminated-no-capacity", "Your Spot Instance was terminated because there is no Spot capacity available that matches your request.", at);
        }
        return switch (v.state()) {
            case SHUTTING_DOWN, TERMINATED -> new Status("closed", "instance-terminated-by-user", "Spot Instance terminated due to user-initiated termination.", at);
            case STOPPING, STOPPED -> new Status("disabled", "instance-stopped-by-user", "Spot Instance stopped due to user-initiated stop.", at);
            default -> new Status("active", "fulfilled", "Your spot request is fulfilled.", v.launchTime());
        };
    }
}
