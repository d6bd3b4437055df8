package dev.spotsim.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotsim.scenarios.time.Durations;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spotsim rebalance}: an EC2 instance rebalance recommendation on its own. */
@Command(name = "rebalance", mixinStandardHelpOptions = true,
        description = "Send a rebalance recommendation (events/recommendations/rebalance) without a notice.")
public final class RebalanceCommand implements Callable<Integer> {
    @Mixin
    ControlOptions control;

    @Parameters(arity = "0..1", paramLabel = "INSTANCE_ID", description = "The instance (default: the only one).")
    String instanceId;

    @Option(names = "--delay", defaultValue = "0s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Wait this long first (default: ${DEFAULT-VALUE}).")
    Duration delay;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ControlClient client = control.client();
        String id = ControlOptions.resolveOne(client, instanceId);
        JsonNode answer = client.post("/instances/" + id + "/rebalance", Map.of("delay", Durations.format(delay)));
        spec.commandLine().getOut().println(control.json() ? ControlClient.pretty(answer)
                : id + ": rebalance recommendation at " + answer.path("rebalanceTime").asText());
        return 0;
    }
}
