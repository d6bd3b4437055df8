package dev.spotsim.gameday.run;

import dev.spotsim.gameday.ssm.LoadSummary;
import dev.spotsim.scenarios.model.Slo;
import java.util.List;
import java.util.Optional;

/**
 * Checks a game day's stop conditions against what it sees now: healthy capacity (healthy targets from ELBv2
 * against those healthy at the start, what a team's HealthyHostCount alarm watches; running instances from EC2
 * when no target group is read), and requests from the live load.
 */
final class Guards {
    private final List<Slo> guards;
    private final LiveRequests live;

    Guards(List<Slo> guards, LiveRequests live) {
        this.guards = List.copyOf(guards);
        this.live = live;
    }

    /** The first guard that does not hold, if any; {@code capacity} is healthy capacity now against its reference. */
    Optional<GamedayResult.BrokenGuard> check(Capacity capacity) {
        for (Slo guard : guards) {
            double measured = measure(guard, capacity.now(), capacity.reference());
            if (!Double.isNaN(measured) && !guard.operator().holds(measured, guard.threshold())) {
                return Optional.of(new GamedayResult.BrokenGuard(guard.key(), guard.operator().symbol() + " " + guard.thresholdText(), measured));
            }
        }
        return Optional.empty();
    }

    /** Healthy capacity now and what it is measured against. */
    record Capacity(int now, int reference) {
    }

    private double measure(Slo guard, int running, int desired) {
        return switch (guard.metric()) {
            case HEALTHY_CAPACITY -> guard.stat().equals("min") ? running : desired == 0 ? Double.NaN : running * 100.0 / desired;
            case FAILED_REQUESTS -> {
                if (live == null) {
                    yield Double.NaN;
                }
                LoadSummary s = live.sofar();
                yield guard.stat().equals("percent") ? (s.requests() == 0 ? 0 : s.failures() * 100.0 / s.requests()) : s.failures();
            }
            default -> Double.NaN;
        };
    }
}
