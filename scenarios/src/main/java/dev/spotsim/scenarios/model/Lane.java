package dev.spotsim.scenarios.model;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What the platform does with a workload when its instance gets a Spot notice. */
public enum Lane {
    /** ECS on EC2 with spot draining: the agent sees IMDS, drains the container instance, deregisters, SIGTERM, stopTimeout. */
    ECS_EC2("ecs-ec2", Duration.ofSeconds(1)),
    /** Fargate Spot: task state change and SIGTERM at the notice, SIGKILL after stopTimeout (at most 120 s). */
    FARGATE_SPOT("fargate-spot", Duration.ZERO),
    /** EKS with the node termination handler (IMDS mode): poll, cordon, evict: preStop, SIGTERM, grace period. */
    EKS_NTH("eks-nth", Duration.ofSeconds(2)),
    /** AWS Batch: no draining; the attempt dies with the host and is retried per evaluateOnExit. */
    BATCH("batch", Duration.ZERO),
    /** Nothing drains: the workload must watch IMDS itself; killed at the action time. */
    APP("app", Duration.ZERO);

    private final String wireName;
    private final Duration defaultPollInterval;

    Lane(String wireName, Duration defaultPollInterval) {
        this.wireName = wireName;
        this.defaultPollInterval = defaultPollInterval;
    }

    public String wireName() {
        return wireName;
    }

    /** How often the platform's agent polls IMDS for a notice (zero: it is told at once or not at all). */
    public Duration defaultPollInterval() {
        return defaultPollInterval;
    }

    public static String names() {
        return Arrays.stream(values()).map(Lane::wireName).collect(Collectors.joining(", "));
    }

    public static Lane parse(String text) {
        return Arrays.stream(values()).filter(l -> l.wireName.equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("lane: expected one of " + names() + ", got \"" + text + "\""));
    }
}
