package dev.spotsim.cli.client;

import dev.spotsim.client.Fleet;
import dev.spotsim.client.PoolReclaim;
import dev.spotsim.client.ReclaimRequest;
import dev.spotsim.client.SpotSimClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spotsim reclaim}: a pool loses its Spot capacity; {@code --restore} gives it back. */
@Command(name = "reclaim", mixinStandardHelpOptions = true,
        description = {"Take a pool's Spot capacity away, interrupting all its Spot instances at once.",
                "Nothing launches there until it is restored (--restore-after, or --restore later)."})
public final class ReclaimCommand implements Callable<Integer> {
    @Mixin
    ControlOptions control;

    @Parameters(paramLabel = "POOL", description = "instance-type/availability-zone, e.g. c5.large/us-east-1a.")
    String pool;

    @Option(names = "--notice", defaultValue = "2m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Notice before the action (default: ${DEFAULT-VALUE}).")
    Duration notice;

    @Option(names = "--restore-after", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Give the capacity back after this long (default: only with --restore).")
    Duration restoreAfter;

    @Option(names = "--restore", description = "Give a reclaimed pool its capacity back now.")
    boolean restore;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (pool.split("/").length != 2) {
            throw new IllegalArgumentException("POOL: expected instance-type/availability-zone like c5.large/us-east-1a, got \"" + pool + "\"");
        }
        SpotSimClient client = control.client();
        PrintWriter out = spec.commandLine().getOut();
        if (restore) {
            Fleet.Pool p = client.restorePool(pool);
            out.println(control.json() ? client.pretty(p) : p.pool() + ": capacity restored");
            return 0;
        }
        PoolReclaim r = client.reclaimPool(pool, new ReclaimRequest(null, notice, null, restoreAfter));
        out.println(control.json() ? client.pretty(r) : r.pool() + ": reclaimed, " + r.interrupted() + " instance(s) interrupted");
        return 0;
    }
}
