package dev.spotsim.scenarios.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;

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

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** How often the platform's agent polls IMDS for a notice (zero: it is told at once or not at all). */
    public Duration defaultPollInterval() {
        return defaultPollInterval;
    }

    public static String names() {
        return WireNames.names(values(), Lane::wireName);
    }

    @JsonCreator
    public static Lane parse(String text) {
        return WireNames.parse(Lane.class, text, Lane::wireName);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
