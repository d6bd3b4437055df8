package dev.spotsim.scenarios.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The user's program and the platform that runs it: the drain lane decides what happens on a
 * notice (see {@link Lane}); the timings are the platform's own knobs with AWS's defaults.
 */
public record WorkloadSpec(Lane lane, String command, String workingDir, Map<String, String> env, String port,
                           Integer tasksPerInstance, Duration stopTimeout, HealthCheck healthCheck, PreStop preStop,
                           Duration terminationGracePeriod, Duration drainTimeout, Duration pollInterval,
                           StopCode stopCode, Retry retry, ContainerSpec container) {
    /** Fargate caps stopTimeout at 120 s. https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html */
    public static final Duration FARGATE_MAX_STOP_TIMEOUT = Duration.ofSeconds(120);

    public WorkloadSpec {
        if (lane == null) {
            throw new IllegalArgumentException("lane: required, one of " + Lane.names());
        }
        if (container != null && command != null) {
            throw new IllegalArgumentException("command: a workload runs either a command or a container image, not both (the image's CMD is overridden by container.command)");
        }
        if (container == null && (command == null || command.isBlank())) {
            throw new IllegalArgumentException("command: required (or container.image), e.g. \"java examples/workloads/DrainAwareService.java\"");
        }
        env = env == null ? Map.of() : Map.copyOf(env);
        port = port == null ? "auto" : port;
        if (!port.equals("auto") && !port.matches("\\d{1,5}")) {
            throw new IllegalArgumentException("port: expected auto or a port number, got \"" + port + "\"");
        }
        tasksPerInstance = tasksPerInstance == null ? 1 : tasksPerInstance;
        if (tasksPerInstance < 1 || tasksPerInstance > 50) {
            throw new IllegalArgumentException("tasksPerInstance: expected 1..50, got " + tasksPerInstance);
        }
        stopTimeout = stopTimeout == null ? Duration.ofSeconds(30) : stopTimeout;
        if (lane == Lane.FARGATE_SPOT && stopTimeout.compareTo(FARGATE_MAX_STOP_TIMEOUT) > 0) {
            throw new IllegalArgumentException("stopTimeout: Fargate allows at most 120s, got " + stopTimeout.toSeconds() + "s");
        }
        terminationGracePeriod = terminationGracePeriod == null ? Duration.ofSeconds(30) : terminationGracePeriod;
        drainTimeout = drainTimeout == null ? Duration.ofSeconds(120) : drainTimeout;
        pollInterval = pollInterval == null ? lane.defaultPollInterval() : pollInterval;
        stopCode = stopCode == null ? StopCode.SPOT_INTERRUPTION : stopCode;
        healthCheck = healthCheck == null ? HealthCheck.defaults() : healthCheck;
        if (preStop != null && lane != Lane.EKS_NTH) {
            throw new IllegalArgumentException("preStop: only the eks-nth lane runs preStop hooks");
        }
        if (retry != null && lane != Lane.BATCH) {
            throw new IllegalArgumentException("retry: only the batch lane retries job attempts");
        }
    }

    /** The workload runs as a container of {@code container.image()} instead of a host command. */
    public boolean isContainer() {
        return container != null;
    }

    /** The balancer's health check of each target. https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html */
    public record HealthCheck(String path, Duration interval, Duration timeout, Integer healthyThreshold, Integer unhealthyThreshold) {
        public HealthCheck {
            path = path == null ? "/" : path;
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path: expected a path starting with /, got \"" + path + "\"");
            }
            interval = interval == null ? Duration.ofSeconds(30) : interval;
            timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
            healthyThreshold = healthyThreshold == null ? 5 : healthyThreshold;
            unhealthyThreshold = unhealthyThreshold == null ? 2 : unhealthyThreshold;
            if (healthyThreshold < 2 || healthyThreshold > 10 || unhealthyThreshold < 2 || unhealthyThreshold > 10) {
                throw new IllegalArgumentException("healthyThreshold, unhealthyThreshold: ALB allows 2..10");
            }
            if (timeout.compareTo(interval) >= 0) {
                throw new IllegalArgumentException("timeout: must be shorter than interval (" + interval.toMillis() + "ms)");
            }
        }

        public static HealthCheck defaults() {
            return new HealthCheck(null, null, null, null, null);
        }
    }

    /** A Kubernetes preStop hook: a command run in the pod's environment, or a plain sleep. */
    public record PreStop(String command, Duration sleep) {
        public PreStop {
            if ((command == null) == (sleep == null)) {
                throw new IllegalArgumentException("preStop: expected either command or sleep");
            }
        }
    }

    /** AWS Batch's retry strategy. https://docs.aws.amazon.com/batch/latest/userguide/job_retries.html */
    public record Retry(Integer attempts, List<EvaluateOnExit> evaluateOnExit) {
        public Retry {
            attempts = attempts == null ? 1 : attempts;
            if (attempts < 1 || attempts > 10) {
                throw new IllegalArgumentException("attempts: AWS Batch allows 1..10, got " + attempts);
            }
            evaluateOnExit = evaluateOnExit == null ? List.of() : List.copyOf(evaluateOnExit);
            if (evaluateOnExit.size() > 5) {
                throw new IllegalArgumentException("evaluateOnExit: AWS Batch allows at most 5 conditions");
            }
        }
    }

    /** One retry condition; patterns may end in '*'. */
    public record EvaluateOnExit(String onStatusReason, String onReason, String onExitCode, RetryAction action) {
        public EvaluateOnExit {
            if (action == null) {
                throw new IllegalArgumentException("action: required, RETRY or EXIT");
            }
        }

        /** Batch patterns match whole values and may end in '*' (a prefix match), nothing else. */
        public static boolean matches(String pattern, String value) {
            if (pattern == null) {
                return true;
            }
            if (value == null) {
                return false;
            }
            return pattern.endsWith("*") ? value.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(value);
        }
    }
}
