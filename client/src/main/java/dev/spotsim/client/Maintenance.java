package dev.spotsim.client;

import java.time.Instant;

/** A scheduled event (meta-data/events/maintenance/scheduled): its id, code, window and state. */
public record Maintenance(String eventId, String code, String description, Instant notBefore, Instant notAfter,
                          Instant notBeforeDeadline, String state) {
}
