package dev.spotsim.simulator.fleet;

import dev.spotsim.simulator.instance.MaintenanceEvent;
import java.time.Duration;
import java.time.Instant;

/**
 * A maintenance event to schedule: its code, description, and window. A null {@code notBefore}
 * means one day from now; {@code window} is notAfter - notBefore (two hours unless given).
 */
public record MaintenanceRequest(String code, String description, Instant notBefore, Duration window) {
    public MaintenanceRequest {
        code = code == null ? "system-reboot" : code;
        if (!MaintenanceEvent.CODES.contains(code)) {
            throw new IllegalArgumentException("code: expected one of " + String.join(", ", MaintenanceEvent.CODES) + ", got \"" + code + "\"");
        }
        description = description == null ? defaultDescription(code) : description;
        window = window == null ? Duration.ofHours(2) : window;
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window: expected a positive duration, got " + window);
        }
    }

    private static String defaultDescription(String code) {
        return switch (code) {
            case "instance-reboot" -> "The instance is scheduled for instance-reboot";
            case "system-reboot" -> "scheduled reboot";
            case "system-maintenance" -> "scheduled maintenance";
            case "instance-retirement" -> "The instance is running on degraded hardware";
            default -> "The instance is scheduled for instance-stop";
        };
    }
}
