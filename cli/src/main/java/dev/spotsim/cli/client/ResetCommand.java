package dev.spotsim.cli.client;

import dev.spotsim.client.Instance;
import dev.spotsim.client.ResetResult;
import dev.spotsim.client.SpotSimClient;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spotsim reset}: the whole simulator back to a clean state, or named instances back to fresh, running ones. */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Without ids (or with --all): reset the whole simulator, so tests sharing it start clean: scheduled",
                "interruptions, reclaimed pools, group capacity and lifecycle hooks, every instance (running afresh, launch",
                "metadata options, no faults), recent events, and AWS resources (FIS, SSM commands, SQS queues, EventBridge rules).",
                "With ids: bring just those instances back as fresh, running ones (IMDS answers again)."})
public final class ResetCommand implements Callable<Integer> {
    @Mixin
    ControlOptions control;

    @Parameters(arity = "0..*", paramLabel = "INSTANCE_ID", description = "Only these instances (default: the whole simulator).")
    List<String> instanceIds;

    @Option(names = "--all", description = "The whole simulator (the default without ids).")
    boolean all;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SpotSimClient client = control.client();
        PrintWriter out = spec.commandLine().getOut();
        boolean some = instanceIds != null && !instanceIds.isEmpty();
        if (some && all) {
            throw new IllegalArgumentException("give instance ids or --all, not both");
        }
        if (some) {
            for (String id : instanceIds) {
                Instance i = client.resetInstance(id);
                out.println(control.json() ? client.pretty(i) : id + ": " + i.state());
            }
            return 0;
        }
        ResetResult r = client.reset();
        out.println(control.json() ? client.pretty(r) : describe(r));
        if (!control.json()) {
            client.instances().forEach(i -> out.println(i.instanceId() + ": " + i.state()));
        }
        return 0;
    }

    private static String describe(ResetResult r) {
        String aws = r.aws().entrySet().stream().filter(e -> e.getValue() > 0).map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return "simulator reset: " + r.instances() + " instance(s) put back, " + r.scheduledInterruptions() + " scheduled interruption(s), "
                + r.reclaimedPools() + " reclaimed pool(s), " + r.lifecycleHooks() + " lifecycle hook(s), " + r.events()
                + " event(s) cleared; AWS: " + (aws.isEmpty() ? "nothing" : aws);
    }
}
