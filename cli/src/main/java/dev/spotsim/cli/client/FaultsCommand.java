package dev.spotsim.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotsim.scenarios.time.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spotsim faults}: make one instance's IMDS slow, failing or silent, to test a client's retries. */
@Command(name = "faults", mixinStandardHelpOptions = true, description = "Inject IMDS faults into an instance, or --clear them.")
public final class FaultsCommand extends OneInstanceCommand {
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
    JsonNode act(ControlClient client, String path) {
        if (clear) {
            return client.delete(path + "/faults");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("delay", Durations.format(delay));
        body.put("errorStatus", errorStatus);
        body.put("errorRate", errorRate);
        body.put("timeoutRate", timeoutRate);
        return client.put(path + "/faults", body);
    }

    @Override
    String describe(JsonNode a) {
        JsonNode f = a.path("faults");
        return "delay " + f.path("delay").asText() + ", errors " + f.path("errorRate").asDouble() + " (status "
                + f.path("errorStatus").asInt() + "), timeouts " + f.path("timeoutRate").asDouble();
    }
}
