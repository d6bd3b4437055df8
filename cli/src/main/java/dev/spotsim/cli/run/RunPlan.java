package dev.spotsim.cli.run;

import dev.spotsim.scenarios.model.FleetSpec;
import dev.spotsim.scenarios.model.InterruptionSpec;
import dev.spotsim.scenarios.model.LoadSpec;
import dev.spotsim.scenarios.model.Scenario;
import dev.spotsim.scenarios.time.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** What {@code spotsim run} is about to do, in a few lines a person reads before the progress starts. */
final class RunPlan {
    private RunPlan() {
    }

    static List<String> lines(Scenario s) {
        List<String> lines = new ArrayList<>();
        FleetSpec.Group g = s.fleet().group();
        lines.add("  fleet         " + g.name() + ": " + g.desired() + " instance(s), " + g.strategy() + ", pools "
                + s.fleet().pools().stream().map(FleetSpec.Pool::key).collect(Collectors.joining(", ")));
        lines.add("  workload      " + s.workload().lane() + " lane, behind the local balancer (deregistration delay "
                + Durations.format(s.loadBalancer().deregistrationDelay()) + ")");
        lines.add("  load          " + load(s.load()));
        for (int i = 0; i < s.interruptions().size(); i++) {
            lines.add("  interruption  " + step(s.interruptions().get(i)));
        }
        lines.add("  slos          " + (s.slos().isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(s.slos().keySet()))));
        return lines;
    }

    private static String load(LoadSpec load) {
        if (load == null) {
            return "none";
        }
        String what = load.simulation() != null ? "Simulation " + load.simulation() : fmt(load.rps()) + " req/s";
        return what + " for " + Durations.format(load.duration());
    }

    private static String step(InterruptionSpec step) {
        String what = step.reclaim() != null ? "reclaim pool " + step.reclaim().pool()
                : step.action() + " " + picked(step.select());
        return "at " + Durations.format(step.at()) + ": " + what + ", notice " + Durations.format(step.notice())
                + (step.rebalanceLead().isZero() ? "" : ", rebalance " + Durations.format(step.rebalanceLead()) + " earlier");
    }

    /** "1 instance", "25% of the instances in us-east-1a", "i-0123, i-0456". */
    private static String picked(dev.spotsim.scenarios.select.Selection sel) {
        String which = sel.instances() != null && !sel.instances().isEmpty() ? String.join(", ", sel.instances())
                : Boolean.TRUE.equals(sel.all()) ? "every instance"
                : sel.percent() != null ? fmt(sel.percent()) + "% of the instances"
                : (sel.count() == null ? 1 : sel.count()) + " instance(s)";
        String where = sel.pool() != null ? " in " + sel.pool() : sel.az() != null ? " in " + sel.az() : "";
        return which + where;
    }

    private static String fmt(Double rps) {
        return rps == null ? "?" : rps == Math.rint(rps) ? String.valueOf(rps.longValue()) : String.valueOf(rps);
    }
}
