package dev.spotsim.client;

import java.time.Duration;
import java.time.Instant;

/** A maintenance event to schedule; null fields take the simulator's defaults (system-reboot, in one day, a 2 h window). */
public record MaintenanceRequest(String code, String description, Instant notBefore, Duration window) {
    /** An event of {@code code} with every other field defaulted. */
    public static MaintenanceRequest of(String code) {
        return new MaintenanceRequest(code, null, null, null);
    }
}
