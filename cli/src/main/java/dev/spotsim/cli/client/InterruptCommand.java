package dev.spotsim.cli.client;

import dev.spotsim.client.Interruption;
import dev.spotsim.client.SpotSimClient;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spotsim interrupt}: a Spot interruption, the AWS way by default (terminate, two-minute notice, now). */
@Command(name = "interrupt", mixinStandardHelpOptions = true,
        description = {"Interrupt Spot instances: an optional rebalance recommendation, the notice in IMDS, then the action.",
                "With a single instance no id is needed: terminate, 2-minute notice, now."})
public final class InterruptCommand extends ManyInstancesCommand<Interruption> {
    @Mixin
    InterruptionOptions interruption;

    @Option(names = "--delay", defaultValue = "0s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Wait this long before anything happens (default: ${DEFAULT-VALUE}).")
    Duration delay;

    @Override
    Interruption act(SpotSimClient client, String instanceId) {
        return client.interrupt(instanceId, interruption.request().withDelay(delay));
    }

    @Override
    String describe(Interruption plan) {
        String rebalance = plan.rebalanceTime() == null ? "" : "rebalance recommendation " + plan.rebalanceTime() + ", ";
        return rebalance + "notice " + plan.noticeTime() + ", " + plan.action() + " at " + plan.actionTime();
    }
}
