package dev.spotsim.simulator.aws.ec2;

import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.instance.Interruption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * EC2's view of a simulated instance's state: the six EC2 states and their codes (the Spot
 * milestones happen while EC2 says running), why it left running, and how long EC2 still lists it.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceState.html
 */
final class Ec2States {
    /** Terminated instances stay visible to DescribeInstances for about an hour. */
    static final Duration TERMINATED_VISIBILITY = Duration.ofHours(1);
    private static final DateTimeFormatter REASON_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'GMT'").withZone(ZoneOffset.UTC);

    private Ec2States() {
    }

    static String name(InstanceState s) {
        return switch (s) {
            case REBALANCE_RECOMMENDED, INTERRUPTION_NOTICED -> "running";
            default -> s.wireName();
        };
    }

    /** pending 0, running 16, shutting-down 32, terminated 48, stopping 64, stopped 80. */
    static int code(InstanceState s) {
        return switch (s) {
            case PENDING -> 0;
            case RUNNING, REBALANCE_RECOMMENDED, INTERRUPTION_NOTICED -> 16;
            case SHUTTING_DOWN -> 32;
            case TERMINATED -> 48;
            case STOPPING -> 64;
            case STOPPED -> 80;
        };
    }

    static boolean visible(InstanceView v, Instant now) {
        return v.state() != InstanceState.TERMINATED || v.stateChangedAt().plus(TERMINATED_VISIBILITY).isAfter(now);
    }

    /** True when the instance left running because its Spot interruption reached the action time (not by a request). */
    static boolean interruptedBySpot(InstanceView v) {
        Interruption i = v.interruption();
        return i != null && leftRunning(v) && !v.stateChangedAt().isBefore(i.actionTime());
    }

    private static boolean leftRunning(InstanceView v) {
        return v.state() == InstanceState.SHUTTING_DOWN || v.state() == InstanceState.TERMINATED
                || v.state() == InstanceState.STOPPING || v.state() == InstanceState.STOPPED;
    }

    /** StateReason code, or null while pending or running. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_StateReason.html */
    static String reasonCode(InstanceView v) {
        if (!leftRunning(v)) {
            return null;
        }
        boolean stopped = v.state() == InstanceState.STOPPING || v.state() == InstanceState.STOPPED;
        if (interruptedBySpot(v)) {
            return stopped ? "Server.SpotInstanceShutdown" : "Server.SpotInstanceTermination";
        }
        return "Client.UserInitiatedShutdown";
    }

    static String reasonMessage(InstanceView v) {
        String code = reasonCode(v);
        if (code == null) {
            return null;
        }
        return switch (code) {
            case "Server.SpotInstanceShutdown" -> code + ": Spot instance shutdown";
            case "Server.SpotInstanceTermination" -> code + ": Spot instance termination";
            default -> code + ": User initiated shutdown";
        };
    }

    /** StateTransitionReason: empty while running, "User initiated (2026-01-01 12:00:00 GMT)" once it left. */
    static String transitionReason(InstanceView v) {
        if (!leftRunning(v)) {
            return "";
        }
        return (interruptedBySpot(v) ? "Service initiated (" : "User initiated (") + REASON_TIME.format(v.stateChangedAt()) + ")";
    }
}
