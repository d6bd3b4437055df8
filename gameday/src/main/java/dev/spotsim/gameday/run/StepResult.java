package dev.spotsim.gameday.run;

import java.time.Instant;
import java.util.List;

/**
 * What became of one planned step: the instances it interrupted (those still targetable when it
 * started), its FIS template and experiment, the experiment's last status and FIS's reason, or why it was skipped.
 */
public record StepResult(int number, List<String> instanceIds, String templateId, String experimentId, String status, String reason,
                         Instant startedAt, Instant interruptionAt, boolean skipped) {
    public StepResult {
        instanceIds = List.copyOf(instanceIds);
    }
}
