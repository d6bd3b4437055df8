package dev.spotsim.simulator.balancer;

import io.vertx.core.http.HttpClient;
import io.vertx.core.net.SocketAddress;

/**
 * One registered target and its health state machine, after ALB:
 * <pre>
 * UNUSED    -> INITIAL    registered
 * INITIAL   -> HEALTHY    one health check passed
 * INITIAL   -> UNHEALTHY  unhealthyThreshold checks failed in a row
 * HEALTHY   -> UNHEALTHY  unhealthyThreshold checks failed in a row
 * UNHEALTHY -> HEALTHY    healthyThreshold checks passed in a row
 * any above -> DRAINING   deregistered
 * DRAINING  -> UNUSED     deregistration delay elapsed
 * </pre>
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
 * Touched only on the balancer's event loop.
 */
final class Target {
    final String id;
    final String host;
    final int port;
    /** The resolved address, so a forwarded request skips the client's name resolution. */
    final SocketAddress address;
    /** This target's own pool of keep-alive connections, so draining can close exactly them. */
    final HttpClient client;
    private TargetState state = TargetState.INITIAL;
    private String reason = "Elb.InitialHealthChecking";
    private int passesInARow;
    private int failuresInARow;
    int inFlight;
    long healthTimer = -1;
    long drainTimer = -1;
    /** The balancer closed this target's connections at the end of the deregistration delay. */
    boolean cut;

    Target(String id, String host, int port, HttpClient client) {
        this.id = id;
        this.host = host;
        this.port = port;
        this.address = SocketAddress.inetSocketAddress(port, host);
        this.client = client;
    }

    TargetState state() {
        return state;
    }

    /** ALB's reason code for the state; null when healthy. */
    String reason() {
        return reason;
    }

    boolean isRegistered() {
        return state != TargetState.DRAINING && state != TargetState.UNUSED;
    }

    /** Counts a passed check; returns the new state when it changes, else null. */
    TargetState passed(HealthCheckSettings hc) {
        if (!isRegistered()) {
            return null;
        }
        failuresInARow = 0;
        passesInARow++;
        boolean healthy = state == TargetState.INITIAL || (state == TargetState.UNHEALTHY && passesInARow >= hc.healthyThreshold());
        return healthy ? moveTo(TargetState.HEALTHY, null) : null;
    }

    /** Counts a failed check with ALB's reason code; returns the new state when it changes, else null. */
    TargetState failed(HealthCheckSettings hc, String failureReason) {
        if (!isRegistered()) {
            return null;
        }
        passesInARow = 0;
        failuresInARow++;
        if (state == TargetState.UNHEALTHY) {
            reason = failureReason;
            return null;
        }
        return failuresInARow >= hc.unhealthyThreshold() ? moveTo(TargetState.UNHEALTHY, failureReason) : null;
    }

    TargetState drain() {
        return moveTo(TargetState.DRAINING, "Target.DeregistrationInProgress");
    }

    TargetState unused() {
        return moveTo(TargetState.UNUSED, "Target.NotRegistered");
    }

    private TargetState moveTo(TargetState to, String newReason) {
        state = to;
        reason = newReason;
        passesInARow = 0;
        failuresInARow = 0;
        return to;
    }

    TargetHealthDescription describe() {
        return new TargetHealthDescription(id, host, port, state, reason, inFlight);
    }
}
