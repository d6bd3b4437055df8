package dev.spotsim.cli.client;

import dev.spotsim.client.Faults;
import dev.spotsim.client.Instance;
import dev.spotsim.client.SpotSimClient;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spotsim faults}: make one instance's IMDS slow, failing or silent, to test a client's retries. */
@Command(name = "faults", mixinStandardHelpOptions = true, description = "Inject IMDS faults into an instance, or --clear them.")
public final class FaultsCommand extends OneInstanceCommand<Instance> {
    @Option(names = "--delay", defaultValue = "0s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Delay before every answer (default: ${DEFAULT-VALUE}).")
    Duration delay;

    @Option(names = "--error-status", defaultValue = "503", paramLabel = "STATUS",
            description = "HTTP status of the failed requests, 400..599 (default: ${DEFAULT-VALUE}).")
    int errorStatus;

    @Option(names = "--error-rate", defaultValue = "0", paramLabel = "SHARE", description = "Share of requests that fail, 0..1 (default: ${DEFAULT-VALUE}).")
    double errorRate;

    @Option(names = "--timeout-rate", defaultValue = "0", paramLabel = "SHARE", description = "Share of requests never answered, 0..1 (default: ${DEFAULT-VALUE}).")
    double timeoutRate;

    @Option(names = "--clear", description = "Remove every fault.")
    boolean clear;

    @Override
    Instance act(SpotSimClient client, String instanceId) {
        return clear ? client.clearFaults(instanceId) : client.faults(instanceId, new Faults(delay, errorStatus, errorRate, timeoutRate));
    }

    @Override
    String describe(Instance a) {
        Faults f = a.faults();
        return "delay " + dev.spotsim.scenarios.time.Durations.format(f.delay()) + ", errors " + f.errorRate() + " (status "
                + f.errorStatus() + "), timeouts " + f.timeoutRate();
    }
}
