package dev.spotsim.cli.client;

import dev.spotsim.client.Rebalance;
import dev.spotsim.client.SpotSimClient;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spotsim rebalance}: an EC2 instance rebalance recommendation on its own. */
@Command(name = "rebalance", mixinStandardHelpOptions = true,
        description = "Send a rebalance recommendation (events/recommendations/rebalance) without a notice.")
public final class RebalanceCommand extends OneInstanceCommand<Rebalance> {
    @Option(names = "--delay", defaultValue = "0s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Wait this long first (default: ${DEFAULT-VALUE}).")
    Duration delay;

    @Override
    Rebalance act(SpotSimClient client, String instanceId) {
        return client.rebalance(instanceId, delay);
    }

    @Override
    String describe(Rebalance a) {
        return "rebalance recommendation at " + a.rebalanceTime();
    }
}
