package dev.spotsim.simulator.aws.fis;

import dev.spotsim.simulator.aws.json.Checks;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The FIS actions spotsim carries out, with the target key and resource type each takes and its
 * parameters' rules. https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html
 */
enum FisAction {
    /** Rebalance recommendation at once, the notice two minutes before, the interruption after durationBeforeInterruption (PT2M..PT15M). */
    SEND_SPOT_INSTANCE_INTERRUPTIONS("aws:ec2:send-spot-instance-interruptions", "SpotInstances", "aws:ec2:spot-instance"),
    TERMINATE_INSTANCES("aws:ec2:terminate-instances", "Instances", "aws:ec2:instance"),
    /** StopInstances on the targets; with startInstancesAfterDuration (PT1M..PT12H) StartInstances after it, the action ending then. */
    STOP_INSTANCES("aws:ec2:stop-instances", "Instances", "aws:ec2:instance"),
    /** Waits for its duration (PT1S..PT12H); orders other actions with startAfter. */
    WAIT("aws:fis:wait", null, null);

    /** At most five Spot Instances per send-spot-instance-interruptions action. */
    static final int MAX_SPOT_TARGETS = 5;
    static final Duration MIN_INTERRUPTION = Duration.ofMinutes(2);
    static final Duration MAX_INTERRUPTION = Duration.ofMinutes(15);
    private static final Duration MAX_WAIT = Duration.ofHours(12);
    static final String START_AFTER = "startInstancesAfterDuration";
    static final String COMPLETE_IF_TERMINATED = "completeIfInstancesTerminated";

    final String actionId;
    final String targetKey;
    final String resourceType;

    FisAction(String actionId, String targetKey, String resourceType) {
        this.actionId = actionId;
        this.targetKey = targetKey;
        this.resourceType = resourceType;
    }

    static FisAction of(String actionId) {
        for (FisAction a : values()) {
            if (a.actionId.equals(actionId)) {
                return a;
            }
        }
        throw Checks.validation("Action type " + actionId + " is not supported by spotsim: use " + supported());
    }

    static String supported() {
        StringBuilder b = new StringBuilder();
        for (FisAction a : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(a.actionId);
        }
        return b.toString();
    }

    /** Checks the parameters of action {@code name}; returns how long the action lasts (zero: it completes at once). */
    Duration checkParameters(String name, Map<String, String> parameters) {
        Map<String, String> p = parameters == null ? Map.of() : parameters;
        return switch (this) {
            case SEND_SPOT_INSTANCE_INTERRUPTIONS -> {
                only(name, p, "durationBeforeInterruption");
                yield duration(name, p, "durationBeforeInterruption", MIN_INTERRUPTION, MAX_INTERRUPTION);
            }
            case TERMINATE_INSTANCES -> {
                only(name, p);
                yield Duration.ZERO;
            }
            case STOP_INSTANCES -> {
                only(name, p, START_AFTER, COMPLETE_IF_TERMINATED);
                yield stopDuration(name, p);
            }
            case WAIT -> {
                only(name, p, "duration");
                yield duration(name, p, "duration", Duration.ofSeconds(1), MAX_WAIT);
            }
        };
    }

    /**
     * startInstancesAfterDuration is optional (PT1M..PT12H; without it the instances stay stopped and the action ends at
     * once); completeIfInstancesTerminated ("true"/"false") only goes with it.
     * https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html#stop-instances
     */
    private Duration stopDuration(String name, Map<String, String> p) {
        String complete = p.get(COMPLETE_IF_TERMINATED);
        if (complete != null && !complete.equals("true") && !complete.equals("false")) {
            throw Checks.validation("Action " + name + ": parameter " + COMPLETE_IF_TERMINATED + " must be true or false, got " + complete);
        }
        if (!p.containsKey(START_AFTER)) {
            if (complete != null) {
                throw Checks.validation("Action " + name + ": parameter " + COMPLETE_IF_TERMINATED + " needs " + START_AFTER);
            }
            return Duration.ZERO;
        }
        return duration(name, p, START_AFTER, Duration.ofMinutes(1), MAX_WAIT);
    }

    private void only(String name, Map<String, String> p, String... allowed) {
        for (String key : p.keySet()) {
            if (!java.util.Arrays.asList(allowed).contains(key)) {
                throw Checks.validation("Action " + name + " (" + actionId + ") has no parameter " + key
                        + (allowed.length == 0 ? "" : "; it takes " + String.join(", ", allowed)));
            }
        }
    }

    private Duration duration(String name, Map<String, String> p, String key, Duration min, Duration max) {
        String text = p.get(key);
        if (text == null) {
            throw Checks.validation("Action " + name + " (" + actionId + ") needs parameter " + key + ", an ISO-8601 duration like PT2M");
        }
        Duration d;
        try {
            d = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw Checks.validation("Action " + name + ": parameter " + key + " must be an ISO-8601 duration like PT2M, got " + text);
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw Checks.validation("Action " + name + ": parameter " + key + " must be from " + min + " to " + max + ", got " + text);
        }
        return d;
    }
}
