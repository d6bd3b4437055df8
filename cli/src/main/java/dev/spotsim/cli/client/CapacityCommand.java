package dev.spotsim.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spotsim capacity}: set a group's desired capacity. */
@Command(name = "capacity", mixinStandardHelpOptions = true, description = "Set an Auto Scaling group's desired capacity.")
public final class CapacityCommand implements Callable<Integer> {
    @Mixin
    ControlOptions control;

    @Parameters(index = "0", paramLabel = "GROUP", description = "The group's name (see spotsim fleet).")
    String group;

    @Parameters(index = "1", paramLabel = "DESIRED", description = "The new desired capacity.")
    int desired;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode g = control.client().put("/groups/" + group + "/desired-capacity", Map.of("desired", desired));
        spec.commandLine().getOut().println(control.json() ? ControlClient.pretty(g)
                : g.path("name").asText() + ": desired " + g.path("desired").asInt() + ", " + g.path("members").size() + " member(s)");
        return 0;
    }
}
