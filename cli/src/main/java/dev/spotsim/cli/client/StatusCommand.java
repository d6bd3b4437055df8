package dev.spotsim.cli.client;

import dev.spotsim.client.Instance;
import dev.spotsim.client.Interruption;
import dev.spotsim.client.SpotSimClient;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spotsim status}: the simulated instances and what is planned for them. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the simulated instances: state, IMDS endpoint, planned interruption.")
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    ControlOptions control;

    @Parameters(arity = "0..1", paramLabel = "INSTANCE_ID", description = "One instance (default: all).")
    String instanceId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SpotSimClient client = control.client();
        List<Instance> rows = instanceId == null ? client.instances() : List.of(client.instance(instanceId));
        PrintWriter out = spec.commandLine().getOut();
        if (control.json()) {
            out.println(client.pretty(instanceId == null ? rows : rows.get(0)));
            return 0;
        }
        String format = "%-21s %-22s %-10s %-11s %-9s %-23s %s%n";
        out.printf(format, "INSTANCE", "STATE", "TYPE", "AZ", "LIFECYCLE", "IMDS", "INTERRUPTION");
        for (Instance i : rows) {
            Interruption plan = i.interruption();
            String interruption = plan == null ? "-" : plan.action() + ", notice " + plan.noticeTime() + ", action " + plan.actionTime();
            out.printf(format, i.instanceId(), i.state(), i.instanceType(), i.availabilityZone(), i.lifecycle(), i.imdsEndpoint(), interruption);
        }
        return 0;
    }
}
