package dev.spotsim.cli.client;

import dev.spotsim.client.InterruptRequest;
import dev.spotsim.client.InterruptionsRequest;
import dev.spotsim.client.InterruptionsResult;
import dev.spotsim.client.ScheduledInterruption;
import dev.spotsim.client.Selection;
import dev.spotsim.client.SpotSimClient;
import dev.spotsim.scenarios.time.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spotsim schedule}: interrupt what a selection picks, now or later; list or cancel what is scheduled. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Interrupt the instances a selection picks, now or later; list or cancel what is scheduled.",
                "Pick with --count, --percent, --all or --instance, narrowed to a --pool or --az; at --at or after --delay.",
                "--list shows what is scheduled, --cancel withdraws it."})
public final class ScheduleCommand implements Callable<Integer> {
    @Mixin
    ControlOptions control;

    @Option(names = "--count", paramLabel = "N", description = "Pick N running Spot instances.")
    Integer count;

    @Option(names = "--percent", paramLabel = "P", description = "Pick P percent of them (rounded up).")
    Double percent;

    @Option(names = "--all", description = "Pick all of them.")
    boolean all;

    @Option(names = "--instance", paramLabel = "ID", description = "Pick this instance (repeatable).")
    List<String> instances;

    @Option(names = "--pool", paramLabel = "TYPE/AZ", description = "Only from this pool.")
    String pool;

    @Option(names = "--az", paramLabel = "ZONE", description = "Only from this availability zone.")
    String az;

    @Option(names = "--at", converter = InstantConverter.class, paramLabel = "TIME", description = "When, ISO-8601 UTC.")
    Instant at;

    @Option(names = "--delay", converter = DurationConverter.class, paramLabel = "DURATION", description = "When, from now.")
    Duration delay;

    @Mixin
    InterruptionOptions interruption;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for random picks (same seed, same picks).")
    long seed;

    @Option(names = "--list", description = "List scheduled interruptions.")
    boolean list;

    @Option(names = "--cancel", paramLabel = "ID", description = "Cancel a scheduled interruption.")
    String cancel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SpotSimClient client = control.client();
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            List<ScheduledInterruption> scheduled = client.scheduledInterruptions();
            out.println(control.json() ? client.pretty(scheduled) : table(client, scheduled));
            return 0;
        }
        if (cancel != null) {
            out.println(client.pretty(client.cancelScheduledInterruption(cancel)));
            return 0;
        }
        Selection.From from = pool != null || az != null ? new Selection.From(pool, az) : null;
        Selection select = new Selection(instances == null || instances.isEmpty() ? null : instances, count, percent, all ? Boolean.TRUE : null, from);
        InterruptRequest how = interruption.request();
        InterruptionsResult answer = client.interruptions(new InterruptionsRequest(select, at, delay, how.action(), how.notice(),
                how.rebalanceLead(), seed));
        if (control.json()) {
            out.println(client.pretty(answer instanceof InterruptionsResult.Later later ? later.scheduled() : answer));
        } else if (answer instanceof InterruptionsResult.Later later) {
            out.println("scheduled " + later.scheduled().id() + " at " + later.scheduled().at());
        } else {
            out.println("interrupted " + ((InterruptionsResult.Now) answer).interrupted() + " instance(s)");
        }
        return 0;
    }

    private static String table(SpotSimClient client, List<ScheduledInterruption> scheduled) {
        StringBuilder s = new StringBuilder(String.format("%-10s %-26s %-10s %-8s %s%n", "ID", "AT", "ACTION", "NOTICE", "SELECT"));
        scheduled.forEach(x -> s.append(String.format("%-10s %-26s %-10s %-8s %s%n", x.id(), x.at(), x.action(),
                Durations.format(x.notice()), client.json(x.select()))));
        return s.toString().stripTrailing();
    }
}
