package dev.spotsim.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotsim.scenarios.time.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spotsim interrupt}: a Spot interruption, the AWS way by default (terminate, two-minute notice, now). */
@Command(name = "interrupt", mixinStandardHelpOptions = true,
        description = {"Interrupt Spot instances: an optional rebalance recommendation, the notice in IMDS, then the action.",
                "With a single instance no id is needed: terminate, 2-minute notice, now."})
public final class InterruptCommand implements Callable<Integer> {
    @Mixin
    ControlOptions control;

    @Parameters(arity = "0..*", paramLabel = "INSTANCE_ID", description = "Instances to interrupt (default: the only one).")
    List<String> instanceIds;

    @Option(names = "--all", description = "Interrupt every instance.")
    boolean all;

    @Option(names = "--action", defaultValue = "terminate", paramLabel = "ACTION",
            description = "terminate, stop or hibernate (default: ${DEFAULT-VALUE}).")
    String action;

    @Option(names = "--notice", defaultValue = "2m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Time from the notice to the action (AWS: 2m; default: ${DEFAULT-VALUE}).")
    Duration notice;

    @Option(names = "--delay", defaultValue = "0s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Wait this long before anything happens (default: ${DEFAULT-VALUE}).")
    Duration delay;

    @Option(names = "--rebalance-lead", defaultValue = "0s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Send a rebalance recommendation this long before the notice (default: none).")
    Duration rebalanceLead;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ControlClient client = control.client();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        body.put("notice", Durations.format(notice));
        body.put("delay", Durations.format(delay));
        body.put("rebalanceLead", Durations.format(rebalanceLead));
        for (String id : ControlOptions.resolve(client, instanceIds, all)) {
            JsonNode plan = client.post("/instances/" + id + "/interrupt", body);
            if (control.json()) {
                spec.commandLine().getOut().println(ControlClient.pretty(plan));
                continue;
            }
            String rebalance = plan.path("rebalanceTime").isNull() ? "" : "rebalance recommendation " + plan.path("rebalanceTime").asText() + ", ";
            spec.commandLine().getOut().printf("%s: %snotice %s, %s at %s%n", id, rebalance, plan.path("noticeTime").asText(),
                    plan.path("action").asText(), plan.path("actionTime").asText());
        }
        return 0;
    }
}
