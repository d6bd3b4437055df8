package dev.spotsim.cli.cleanup;

import dev.spotsim.simulator.workload.ProcessRuntime;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code spotsim cleanup}: kills the workload processes a spotsim that died (kill -9, a crash) left running. */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = {"Kill the workload processes that a spotsim run or serve left running when it died without stopping",
                "them (kill -9, a crash, its guard killed too). Each spotsim lists its workloads in a PID file under",
                "<tmp>/spotsim-<user>/workloads; processes of a spotsim still running are never touched, and a pid",
                "since reused by another program is recognised by its start time and left alone. Every spotsim also",
                "does this when it starts workloads."},
        footer = {"", "Exit codes: 0 done (whether or not anything was left), 1 the PID files cannot be read."})
public final class CleanupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> reaped;
        try {
            reaped = ProcessRuntime.reapLeftovers();
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("spotsim: cleanup: " + e.getMessage());
            return 1;
        }
        if (reaped.isEmpty()) {
            out.println("no workload process left behind");
        } else {
            out.println("killed " + reaped.size() + " workload process(es) left behind:");
            reaped.forEach(line -> out.println("  " + line));
        }
        return 0;
    }
}
