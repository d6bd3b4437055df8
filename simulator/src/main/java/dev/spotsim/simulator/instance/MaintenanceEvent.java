package dev.spotsim.simulator.instance;

import java.time.Instant;

/**
 * A scheduled event as IMDS shows it under {@code events/maintenance/scheduled}.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/viewing_metadata.html#metadata-events
 */
public record MaintenanceEvent(String eventId, String code, String description, Instant notBefore,
                               Instant notAfter, Instant notBeforeDeadline, State state) {
    /** AWS's event codes. */
    public static final java.util.List<String> CODES =
            java.util.List.of("instance-reboot", "system-reboot", "system-maintenance", "instance-retirement", "instance-stop");

    /** Whether the event is still coming, done, or withdrawn. */
    public enum State {
        ACTIVE, COMPLETED, CANCELED;

        public String wireName() {
            return name().toLowerCase();
        }
    }

    public MaintenanceEvent withState(State newState) {
        return new MaintenanceEvent(eventId, code, description, notBefore, notAfter, notBeforeDeadline, newState);
    }
}
