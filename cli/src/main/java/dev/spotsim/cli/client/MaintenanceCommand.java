package dev.spotsim.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotsim.scenarios.time.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spotsim maintenance}: schedule or cancel a scheduled event (events/maintenance/scheduled). */
@Command(name = "maintenance", mixinStandardHelpOptions = true, description = "Schedule a maintenance event, or cancel one with --cancel.")
public final class MaintenanceCommand implements Callable<Integer> {
    @Mixin
    ControlOptions control;

    @Parameters(arity = "0..1", paramLabel = "INSTANCE_ID", description = "The instance (default: the only one).")
    String instanceId;

    @Option(names = "--code", defaultValue = "system-reboot", paramLabel = "CODE",
            description = "instance-reboot, system-reboot, system-maintenance, instance-retirement or instance-stop (default: ${DEFAULT-VALUE}).")
    String code;

    @Option(names = "--description", paramLabel = "TEXT", description = "The event's description (default: AWS's wording for the code).")
    String description;

    @Option(names = "--not-before", paramLabel = "TIME", description = "Earliest start, ISO-8601 UTC like 2026-01-07T01:00:00Z (default: in one day).")
    Instant notBefore;

    @Option(names = "--window", defaultValue = "2h", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "NotAfter - NotBefore (default: ${DEFAULT-VALUE}).")
    Duration window;

    @Option(names = "--cancel", paramLabel = "EVENT_ID", description = "Cancel this event instead of scheduling one.")
    String cancel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ControlClient client = control.client();
        String id = ControlOptions.resolveOne(client, instanceId);
        JsonNode answer;
        if (cancel != null) {
            answer = client.delete("/instances/" + id + "/maintenance/" + cancel);
        } else {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("code", code);
            if (description != null) {
                body.put("description", description);
            }
            if (notBefore != null) {
                body.put("notBefore", notBefore.toString());
            }
            body.put("window", Durations.format(window));
            answer = client.post("/instances/" + id + "/maintenance", body);
        }
        spec.commandLine().getOut().println(control.json() ? ControlClient.pretty(answer)
                : id + ": " + answer.path("eventId").asText() + " " + answer.path("code").asText() + " " + answer.path("state").asText()
                        + ", " + answer.path("notBefore").asText() + " .. " + answer.path("notAfter").asText());
        return 0;
    }
}
