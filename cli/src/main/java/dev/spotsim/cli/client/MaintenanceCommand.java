package dev.spotsim.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotsim.scenarios.time.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spotsim maintenance}: schedule or cancel a scheduled event (events/maintenance/scheduled). */
@Command(name = "maintenance", mixinStandardHelpOptions = true, description = "Schedule a maintenance event, or cancel one with --cancel.")
public final class MaintenanceCommand extends OneInstanceCommand {
    @Option(names = "--code", defaultValue = "system-reboot", paramLabel = "CODE",
            description = "instance-reboot, system-reboot, system-maintenance, instance-retirement or instance-stop (default: ${DEFAULT-VALUE}).")
    String code;

    @Option(names = "--description", paramLabel = "TEXT", description = "The event's description (default: AWS's wording for the code).")
    String description;

    @Option(names = "--not-before", converter = InstantConverter.class, paramLabel = "TIME", description = "Earliest start, ISO-8601 UTC like 2026-01-07T01:00:00Z (default: in one day).")
    Instant notBefore;

    @Option(names = "--window", defaultValue = "2h", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "NotAfter - NotBefore (default: ${DEFAULT-VALUE}).")
    Duration window;

    @Option(names = "--cancel", paramLabel = "EVENT_ID", description = "Cancel this event instead of scheduling one.")
    String cancel;

    @Override
    JsonNode act(ControlClient client, String path) {
        if (cancel != null) {
            return client.delete(path + "/maintenance/" + cancel);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        if (description != null) {
            body.put("description", description);
        }
        if (notBefore != null) {
            body.put("notBefore", notBefore.toString());
        }
        body.put("window", Durations.format(window));
        return client.post(path + "/maintenance", body);
    }

    @Override
    String describe(JsonNode a) {
        return a.path("eventId").asText() + " " + a.path("code").asText() + " " + a.path("state").asText()
                + ", " + a.path("notBefore").asText() + " .. " + a.path("notAfter").asText();
    }
}
