package dev.spotsim.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotsim.scenarios.time.Durations;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spotsim rebalance}: an EC2 instance rebalance recommendation on its own. */
@Command(name = "rebalance", mixinStandardHelpOptions = true,
        description = "Send a rebalance recommendation (events/recommendations/rebalance) without a notice.")
public final class RebalanceCommand extends OneInstanceCommand {
    @Option(names = "--delay", defaultValue = "0s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Wait this long first (default: ${DEFAULT-VALUE}).")
    Duration delay;

    @Override
    JsonNode act(ControlClient client, String path) {
        return client.post(path + "/rebalance", Map.of("delay", Durations.format(delay)));
    }

    @Override
    String describe(JsonNode a) {
        return "rebalance recommendation at " + a.path("rebalanceTime").asText();
    }
}
