package dev.spotsim.simulator.workload;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A spotsim stand-in for {@link OrphanedWorkloadsTest}: starts three workloads that each run two children,
 * prints every pid of their trees and the guard's pid, then waits to be killed with kill -9.
 */
public final class OrphanTestMain {
    private OrphanTestMain() {
    }

    public static void main(String[] args) throws Exception {
        Path logs = Path.of(args[0]);
        ProcessRuntime runtime = new ProcessRuntime(ProcessSpec.shell("sleep 600 & sleep 600 & wait"), Clock.systemUTC());
        for (int i = 1; i <= 3; i++) {
            ProcessWorkload w = (ProcessWorkload) runtime.start(new WorkloadLaunch("orphans", "task-" + i, "i-0123456789abcdef0", 40000 + i,
                    Map.of(), null, logs.resolve("task-" + i + ".log")));
            List<ProcessHandle> tree;
            long deadline = System.currentTimeMillis() + 20_000;
            do {
                Thread.sleep(50);
                tree = w.liveTree();
            } while (tree.size() < 3 && System.currentTimeMillis() < deadline);
            tree.forEach(h -> System.out.println("pid " + h.pid()));
        }
        System.out.println("guard " + runtime.guardProcess().pid());
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(600_000);
    }
}
