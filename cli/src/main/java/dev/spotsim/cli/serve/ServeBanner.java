package dev.spotsim.cli.serve;

import dev.spotsim.cli.client.ControlOptions;
import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.instance.InstanceView;
import java.io.PrintWriter;
import java.util.List;

/** What {@code spotsim serve} prints once it listens: the control API, the instances, how to point an SDK at them. */
final class ServeBanner {
    /** Above this many instances only the first {@link #SHOWN_OF_MANY} are listed, then a count. */
    static final int LIST_ALL_UP_TO = 10;
    static final int SHOWN_OF_MANY = 5;

    private ServeBanner() {
    }

    static void print(SpotSim sim, PrintWriter out) {
        List<InstanceView> all = sim.instances();
        out.println("spotsim serving " + all.size() + " instance(s); control API " + sim.controlUrl());
        int shown = all.size() > LIST_ALL_UP_TO ? SHOWN_OF_MANY : all.size();
        for (InstanceView v : all.subList(0, shown)) {
            out.printf("  %s  %-10s %-11s %-9s IMDS %s%n", v.instanceId(), v.identity().instanceType(), v.identity().availabilityZone(),
                    v.identity().lifecycle(), sim.imdsEndpoint(v.instanceId()));
        }
        if (shown < all.size()) {
            out.println("  ... and " + (all.size() - shown) + " more (spotsim status lists them all)");
        }
        if (!all.isEmpty()) {
            out.println("Point an SDK at the first one:  export AWS_EC2_METADATA_SERVICE_ENDPOINT=" + sim.imdsEndpoint());
            if (!sim.controlUrl().equals(ControlOptions.DEFAULT_URL)) {
                out.println("Point the spotsim clients here: export SPOTSIM_CONTROL_URL=" + sim.controlUrl());
            }
            if (sim.balancerUrl() != null) {
                out.println("Workload behind the balancer:   " + sim.balancerUrl() + " (logs in spotsim-out/logs)");
            }
            if (sim.events().journal() != null) {
                out.println("Events:                         spotsim events --follow (journal " + sim.events().journal().file() + ")");
            }
            out.println("Interrupt it:                   spotsim interrupt" + (all.size() > 1 ? " " + all.get(0).instanceId() : ""));
        }
        out.println("Stop with Ctrl-C.");
        out.flush();
    }
}
