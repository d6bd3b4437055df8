package dev.spotsim.cli.client;

import dev.spotsim.client.Fleet;
import dev.spotsim.client.SpotSimClient;
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
        SpotSimClient client = control.client();
        Fleet.Group g = client.setDesiredCapacity(group, desired);
        spec.commandLine().getOut().println(control.json() ? client.pretty(g)
                : g.name() + ": desired " + g.desired() + ", " + g.members().size() + " member(s)");
        return 0;
    }
}
