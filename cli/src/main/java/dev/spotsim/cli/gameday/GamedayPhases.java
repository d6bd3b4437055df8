package dev.spotsim.cli.gameday;

import dev.spotsim.gameday.run.GamedayResult;
import dev.spotsim.gameday.run.StepResult;
import dev.spotsim.scenarios.model.Slo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The phases of a game day, by the local run's rule: interrupted from a step's first signal (FIS starts
 * with the rebalance recommendation) to its interruption, recovering from there until EC2 shows the
 * group's size again (at poll resolution), steady otherwise.
 */
final class GamedayPhases {
    private record Span(Instant from, Instant to, Slo.Phase phase) {
    }

    private final List<Span> spans = new ArrayList<>();

    GamedayPhases(GamedayResult r) {
        for (StepResult s : r.steps()) {
            if (s.startedAt() == null || s.interruptionAt() == null || !"completed".equals(s.status())) {
                continue;
            }
            spans.add(new Span(s.startedAt(), s.interruptionAt(), Slo.Phase.INTERRUPTED));
            Instant back = r.capacity().stream().filter(c -> !c.at().isBefore(s.interruptionAt()) && c.running() >= r.desiredCapacity())
                    .map(GamedayResult.CapacitySample::at).findFirst().orElse(r.endedAt());
            spans.add(new Span(s.interruptionAt(), back, Slo.Phase.RECOVERING));
        }
    }

    /** The phase at {@code t}; interrupted wins over recovering where steps overlap. */
    Slo.Phase at(Instant t) {
        Slo.Phase found = Slo.Phase.STEADY;
        for (Span s : spans) {
            if (!t.isBefore(s.from()) && t.isBefore(s.to())) {
                if (s.phase() == Slo.Phase.INTERRUPTED) {
                    return s.phase();
                }
                found = s.phase();
            }
        }
        return found;
    }
}
