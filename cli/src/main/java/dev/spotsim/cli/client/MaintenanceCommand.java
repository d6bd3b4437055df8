package dev.spotsim.cli.client;

import dev.spotsim.client.Maintenance;
import dev.spotsim.client.MaintenanceRequest;
import dev.spotsim.client.SpotSimClient;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spotsim maintenance}: schedule or cancel a scheduled event (events/maintenance/scheduled). */
@Command(name = "maintenance", mixinStandardHelpOptions = true, description = "Schedule a maintenance event, or cancel one with --cancel.")
public final class MaintenanceCommand extends OneInstanceCommand<Maintenance> {
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
    Maintenance act(SpotSimClient client, String instanceId) {
        return cancel != null ? client.cancelMaintenance(instanceId, cancel)
                : client.scheduleMaintenance(instanceId, new MaintenanceRequest(code, description, notBefore, window));
    }

    @Override
    String describe(Maintenance a) {
        return a.eventId() + " " + a.code() + " " + a.state() + ", " + a.notBefore() + " .. " + a.notAfter();
    }
}
