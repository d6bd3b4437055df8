package dev.spotsim.cli.client;

import dev.spotsim.client.InterruptRequest;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How an interruption goes, for {@code interrupt} and {@code schedule}: the action, its notice, an optional rebalance lead. */
public final class InterruptionOptions {
    @Option(names = "--action", defaultValue = "terminate", paramLabel = "ACTION",
            description = "terminate, stop or hibernate (default: ${DEFAULT-VALUE}).")
    String action;

    @Option(names = "--notice", defaultValue = "2m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Time from the notice to the action (AWS: 2m; default: ${DEFAULT-VALUE}).")
    Duration notice;

    @Option(names = "--rebalance-lead", defaultValue = "0s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Send a rebalance recommendation this long before the notice (default: none).")
    Duration rebalanceLead;

    /** The action, notice and rebalance lead as the client's request. */
    InterruptRequest request() {
        return new InterruptRequest(action, notice, null, rebalanceLead);
    }
}
