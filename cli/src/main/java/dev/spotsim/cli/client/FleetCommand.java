package dev.spotsim.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
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
        JsonNode fleet = control.client().get("/fleet");
        PrintWriter out = spec.commandLine().getOut();
        if (control.json()) {
            out.println(ControlClient.pretty(fleet));
            return 0;
        }
        out.printf("%-20s %8s %8s %-26s %-9s %s%n", "GROUP", "DESIRED", "MEMBERS", "STRATEGY", "WAITING", "POOLS");
        for (JsonNode g : fleet.path("groups")) {
            out.printf("%-20s %8d %8d %-26s %-9d %s%n", g.path("name").asText(), g.path("desired").asInt(), g.path("members").size(),
                    g.path("strategy").asText(), g.path("waitingForCapacity").asInt(), g.path("pools").toString());
        }
        out.printf("%n%-28s %8s %8s %10s %s%n", "POOL", "USED", "PRICE", "CAPACITY", "RECLAIMED");
        for (JsonNode p : fleet.path("pools")) {
            out.printf("%-28s %8d %8.4f %10s %s%n", p.path("pool").asText(), p.path("used").asLong(), p.path("price").asDouble(),
                    p.path("capacity").isNull() ? "unlimited" : p.path("capacity").asText(), p.path("reclaimed").asBoolean() ? "yes" : "no");
        }
        return 0;
    }
}
