package dev.spotsim.gameday.fis;

import java.time.Instant;

/** An FIS experiment as last seen: its id, template, status and the reason FIS gives for it. */
public record Experiment(String id, String templateId, ExperimentStatus status, String reason, Instant startTime, Instant endTime) {
}
