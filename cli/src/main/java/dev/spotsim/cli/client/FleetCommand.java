package dev.spotsim.cli.client;

import dev.spotsim.client.Fleet;
import dev.spotsim.client.SpotSimClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code spotsim fleet}: the Auto Scaling groups and the Spot pools, with capacity and reclaims. */
@Command(name = "fleet", mixinStandardHelpOptions = true, description = "Show the Auto Scaling groups and Spot pools.")
public final class FleetCommand implements Callable<Integer> {
    @Mixin
    ControlOptions control;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SpotSimClient client = control.client();
        Fleet fleet = client.fleet();
        PrintWriter out = spec.commandLine().getOut();
        if (control.json()) {
            out.println(client.pretty(fleet));
            return 0;
        }
        out.printf("%-20s %8s %8s %-26s %-9s %s%n", "GROUP", "DESIRED", "MEMBERS", "STRATEGY", "WAITING", "POOLS");
        for (Fleet.Group g : fleet.groups()) {
            out.printf("%-20s %8d %8d %-26s %-9d %s%n", g.name(), g.desired(), g.members().size(), g.strategy(), g.waitingForCapacity(),
                    g.pools());
        }
        out.printf("%n%-28s %8s %8s %10s %s%n", "POOL", "USED", "PRICE", "CAPACITY", "RECLAIMED");
        for (Fleet.Pool p : fleet.pools()) {
            out.printf("%-28s %8d %8.4f %10s %s%n", p.pool(), p.used(), p.price(), p.capacity() == null ? "unlimited" : p.capacity(),
                    p.reclaimed() ? "yes" : "no");
        }
        return 0;
    }
}
