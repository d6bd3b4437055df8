package dev.spotsim.simulator.balancer;

/**
 * One target as {@code describe-target-health} shows it: state and, unless healthy, ALB's reason code
 * ({@code Elb.InitialHealthChecking}, {@code Target.ResponseCodeMismatch}, {@code Target.Timeout},
 * {@code Target.FailedHealthChecks}, {@code Target.DeregistrationInProgress}).
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html
 */
public record TargetHealthDescription(String targetId, String host, int port, TargetState state, String reason, int inFlight) {
}
