package dev.spotsim.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotsim.scenarios.time.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spotsim interrupt}: a Spot interruption, the AWS way by default (terminate, two-minute notice, now). */
@Command(name = "interrupt", mixinStandardHelpOptions = true,
        description = {"Interrupt Spot instances: an optional rebalance recommendation, the notice in IMDS, then the action.",
                "With a single instance no id is needed: terminate, 2-minute notice, now."})
public final class InterruptCommand extends ManyInstancesCommand {
    @Mixin
    InterruptionOptions interruption;

    @Option(names = "--delay", defaultValue = "0s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Wait this long before anything happens (default: ${DEFAULT-VALUE}).")
    Duration delay;

    @Override
    JsonNode act(ControlClient client, String path) {
        Map<String, Object> body = new LinkedHashMap<>();
        interruption.addTo(body);
        body.put("delay", Durations.format(delay));
        return client.post(path + "/interrupt", body);
    }

    @Override
    String describe(JsonNode plan) {
        String rebalance = plan.path("rebalanceTime").isNull() || plan.path("rebalanceTime").isMissingNode() ? ""
                : "rebalance recommendation " + plan.path("rebalanceTime").asText() + ", ";
        return rebalance + "notice " + plan.path("noticeTime").asText() + ", " + plan.path("action").asText()
                + " at " + plan.path("actionTime").asText();
    }
}
