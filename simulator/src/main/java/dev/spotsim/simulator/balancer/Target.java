package dev.spotsim.simulator.balancer;

/** One registered target and what the balancer knows about it. Touched only on the balancer's event loop. */
final class Target {
    final String id;
    final String host;
    final int port;
    TargetState state = TargetState.INITIAL;
    int consecutiveSuccesses;
    int consecutiveFailures;
    int inFlight;
    long healthTimer = -1;
    long drainTimer = -1;

    Target(String id, String host, int port) {
        this.id = id;
        this.host = host;
        this.port = port;
    }

    boolean takesNewRequests() {
        return state != TargetState.DRAINING && state != TargetState.UNUSED;
    }
}
