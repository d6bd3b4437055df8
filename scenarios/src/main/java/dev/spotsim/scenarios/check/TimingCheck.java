package dev.spotsim.scenarios.check;

import dev.spotsim.scenarios.model.InterruptionSpec;
import dev.spotsim.scenarios.model.Lane;
import dev.spotsim.scenarios.model.RetryAction;
import dev.spotsim.scenarios.model.LoadBalancerSpec;
import dev.spotsim.scenarios.model.Scenario;
import dev.spotsim.scenarios.model.WorkloadSpec;
import dev.spotsim.scenarios.time.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Says, without running anything, whether a scenario's drain can fit inside its notice: the time
 * the platform needs to see the notice, take the workload out of the balancer and stop it, against
 * the shortest notice the scenario plays (AWS gives two minutes).
 */
public final class TimingCheck {
    private TimingCheck() {
    }

    /** Every finding, errors first. */
    public static List<Finding> check(Scenario s) {
        List<Finding> findings = new ArrayList<>();
        WorkloadSpec w = s.workload();
        Duration notice = s.interruptions().stream().map(InterruptionSpec::notice).min(Duration::compareTo)
                .orElse(Duration.ofMinutes(2));
        Duration deregistration = s.loadBalancer().deregistrationDelay();
        Lane lane = w.lane();
        switch (lane) {
            case ECS_EC2 -> {
                Duration needed = w.pollInterval().plus(deregistration).plus(w.stopTimeout());
                fit(findings, "workload", needed, notice, "ECS agent detection " + text(w.pollInterval()) + " + deregistration delay "
                        + text(deregistration) + " + stopTimeout " + text(w.stopTimeout()));
            }
            case FARGATE_SPOT -> fit(findings, "workload.stopTimeout", w.stopTimeout(), notice, "stopTimeout " + text(w.stopTimeout()));
            case EKS_NTH -> {
                Duration preStop = w.preStop() != null && w.preStop().sleep() != null ? w.preStop().sleep() : Duration.ZERO;
                Duration needed = w.pollInterval().plus(preStop).plus(w.terminationGracePeriod());
                fit(findings, "workload", needed, notice, "handler poll " + text(w.pollInterval()) + " + preStop " + text(preStop)
                        + " + terminationGracePeriod " + text(w.terminationGracePeriod()));
                if (w.drainTimeout().compareTo(w.terminationGracePeriod()) < 0) {
                    findings.add(Finding.error("workload.drainTimeout", "the node drain gives up after " + text(w.drainTimeout())
                            + ", before the pods' terminationGracePeriod of " + text(w.terminationGracePeriod()) + " ends: pods are killed mid-shutdown"));
                }
            }
            case BATCH -> {
                boolean retriesHostLoss = w.retry() != null && w.retry().attempts() > 1 && w.retry().evaluateOnExit().stream()
                        .anyMatch(e -> e.action() == RetryAction.RETRY && e.onStatusReason() != null
                                && WorkloadSpec.EvaluateOnExit.matches(e.onStatusReason(), "Host EC2 (instance i-0) terminated."));
                if (!retriesHostLoss) {
                    findings.add(Finding.error("workload.retry", "Batch does not drain: a job attempt on an interrupted host fails, and without "
                            + "retry.attempts > 1 and evaluateOnExit {onStatusReason: \"Host EC2*\", action: RETRY} it is not retried"));
                }
            }
            case APP -> findings.add(Finding.warning("workload.lane", "the app lane drains nothing: the workload must watch IMDS itself and exit within "
                    + text(notice) + ", or it is killed at the action time"));
            default -> throw new IllegalStateException(lane.toString());
        }
        if (lane != Lane.BATCH && deregistration.compareTo(notice) >= 0) {
            String alb = deregistration.equals(LoadBalancerSpec.ALB_DEFAULT_DEREGISTRATION_DELAY) ? " (the ALB default)" : "";
            findings.add(Finding.error("loadBalancer.deregistrationDelay", "deregistration delay " + text(deregistration) + alb
                    + " is not shorter than the notice " + text(notice) + ": in-flight requests are cut at the action time; set it below the notice"));
        }
        if (lane == Lane.FARGATE_SPOT && w.stopTimeout().compareTo(WorkloadSpec.FARGATE_MAX_STOP_TIMEOUT) > 0) {
            findings.add(Finding.error("workload.stopTimeout", "Fargate caps stopTimeout at 120s"));
        }
        findings.sort((a, b) -> a.severity().compareTo(b.severity()));
        return findings;
    }

    private static void fit(List<Finding> findings, String field, Duration needed, Duration notice, String parts) {
        if (needed.compareTo(notice) > 0) {
            findings.add(Finding.error(field, parts + " = " + text(needed) + ", longer than the notice " + text(notice)
                    + ": the workload is killed before it drains"));
        } else if (needed.multipliedBy(10).compareTo(notice.multipliedBy(9)) > 0) {
            findings.add(Finding.warning(field, parts + " = " + text(needed) + " leaves less than 10% of the notice " + text(notice) + " spare"));
        }
    }

    private static String text(Duration d) {
        return Durations.format(d);
    }
}
