package dev.spotsim.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotsim.scenarios.time.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spotsim faults}: make one instance's IMDS slow, failing or silent, to test a client's retries. */
@Command(name = "faults", mixinStandardHelpOptions = true, description = "Inject IMDS faults into an instance, or --clear them.")
public final class FaultsCommand implements Callable<Integer> {
    @Mixin
    ControlOptions control;

    @Parameters(arity = "0..1", paramLabel = "INSTANCE_ID", description = "The instance (default: the only one).")
    String instanceId;

    @Option(names = "--delay", defaultValue = "0s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Delay before every answer (default: ${DEFAULT-VALUE}).")
    Duration delay;

    @Option(names = "--error-status", defaultValue = "0", paramLabel = "STATUS", description = "Status for failed requests, e.g. 429, 500, 503.")
    int errorStatus;

    @Option(names = "--error-rate", defaultValue = "0", paramLabel = "SHARE", description = "Share of requests that fail, 0..1.")
    double errorRate;

    @Option(names = "--timeout-rate", defaultValue = "0", paramLabel = "SHARE", description = "Share of requests never answered, 0..1.")
    double timeoutRate;

    @Option(names = "--clear", description = "Remove every fault.")
    boolean clear;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ControlClient client = control.client();
        String id = ControlOptions.resolveOne(client, instanceId);
        JsonNode answer;
        if (clear) {
            answer = client.delete("/instances/" + id + "/faults");
        } else {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("delay", Durations.format(delay));
            body.put("errorStatus", errorStatus);
            body.put("errorRate", errorRate);
            body.put("timeoutRate", timeoutRate);
            answer = client.put("/instances/" + id + "/faults", body);
        }
        JsonNode f = answer.path("faults");
        spec.commandLine().getOut().println(control.json() ? ControlClient.pretty(answer)
                : id + ": delay " + f.path("delay").asText() + ", errors " + f.path("errorRate").asDouble() + " (status "
                        + f.path("errorStatus").asInt() + "), timeouts " + f.path("timeoutRate").asDouble());
        return 0;
    }
}
