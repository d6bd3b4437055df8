package dev.spotsim.simulator.aws.ssm;

import dev.spotsim.simulator.aws.ssm.SsmShapes.CloudWatchOutputConfig;
import dev.spotsim.simulator.aws.ssm.SsmShapes.Command;
import dev.spotsim.simulator.aws.ssm.SsmShapes.NotificationConfig;
import dev.spotsim.simulator.aws.ssm.SsmShapes.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One SendCommand: what was asked and its invocations, one per target instance. Its own status is
 * the invocations' summed up as SSM sums them (MaxErrors 0: one failure fails the command).
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/monitor-commands.html
 */
final class CommandRun {
    final String commandId;
    final String documentName;
    final String comment;
    final Map<String, List<String>> parameters;
    final List<String> instanceIds;
    final List<Target> targets;
    final Instant requested;
    final int timeoutSeconds;
    final Duration executionTimeout;
    final String maxConcurrency;
    final String maxErrors;
    final String region;
    final List<Invocation> invocations;
    private volatile boolean cancelled;

    CommandRun(String commandId, String documentName, String comment, Map<String, List<String>> parameters, List<String> instanceIds,
               List<Target> targets, Instant requested, int timeoutSeconds, Duration executionTimeout, String maxConcurrency, String maxErrors,
               String region, List<Invocation> invocations) {
        this.commandId = commandId;
        this.documentName = documentName;
        this.comment = comment;
        this.parameters = parameters;
        this.instanceIds = instanceIds;
        this.targets = targets;
        this.requested = requested;
        this.timeoutSeconds = timeoutSeconds;
        this.executionTimeout = executionTimeout;
        this.maxConcurrency = maxConcurrency;
        this.maxErrors = maxErrors;
        this.region = region;
        this.invocations = List.copyOf(invocations);
    }

    void markCancelled() {
        cancelled = true;
    }

    Invocation invocation(String instanceId) {
        return invocations.stream().filter(i -> i.instanceId.equals(instanceId)).findFirst().orElse(null);
    }

    /** The command's Status and StatusDetails from its invocations'. */
    String[] status() {
        List<InvocationStatus> all = invocations.stream().map(Invocation::status).toList();
        if (all.isEmpty()) {
            return new String[] {"Success", "NoInstancesInTag"};
        }
        if (all.stream().allMatch(s -> s == InvocationStatus.PENDING)) {
            return new String[] {"Pending", "Pending"};
        }
        if (!all.stream().allMatch(InvocationStatus::terminal)) {
            return new String[] {"InProgress", "InProgress"};
        }
        if (all.stream().allMatch(s -> s == InvocationStatus.SUCCESS)) {
            return new String[] {"Success", "Success"};
        }
        if (cancelled && all.contains(InvocationStatus.CANCELLED)) {
            return new String[] {"Cancelled", "Cancelled"};
        }
        if (all.contains(InvocationStatus.FAILED)) {
            return new String[] {"Failed", "Failed"};
        }
        if (timedOut("ExecutionTimedOut")) {
            return new String[] {"TimedOut", "ExecutionTimedOut"};
        }
        boolean allDeliveryTimedOut = all.stream().allMatch(s -> s == InvocationStatus.TIMED_OUT);
        return allDeliveryTimedOut ? new String[] {"TimedOut", "DeliveryTimedOut"} : new String[] {"Failed", "Incomplete"};
    }

    private boolean timedOut(String details) {
        return invocations.stream().anyMatch(i -> i.statusDetails().equals(details));
    }

    /** ExpiresAfter: delivery timeout plus execution timeout after the request. */
    Instant expiresAfter() {
        return requested.plusSeconds(timeoutSeconds).plus(executionTimeout);
    }

    Command toShape() {
        String[] status = status();
        int completed = 0;
        int errors = 0;
        int deliveryTimedOut = 0;
        for (Invocation i : invocations) {
            InvocationStatus s = i.status();
            if (s.terminal()) {
                completed++;
            }
            if (i.statusDetails().equals("DeliveryTimedOut")) {
                deliveryTimedOut++;
            } else if (s == InvocationStatus.FAILED || s == InvocationStatus.TIMED_OUT) {
                errors++;
            }
        }
        return new Command(commandId, documentName, "$DEFAULT", comment, expiresAfter(), parameters, instanceIds, targets, requested,
                status[0], status[1], region, "", "", maxConcurrency, maxErrors, invocations.size(), completed, errors, deliveryTimedOut, "",
                NotificationConfig.NONE, CloudWatchOutputConfig.NONE, timeoutSeconds);
    }
}
