package dev.spotsim.simulator.workload;

import java.io.IOException;

/**
 * Runs tasks' workloads: host processes or containers of the user's image. Lanes and the balancer
 * never know which; they see {@link RunningWorkload}s. Closing the runtime stops (SIGKILL) and
 * removes whatever it started that still exists.
 */
public interface WorkloadRuntime extends AutoCloseable {
    /** Starts one task's workload; returns once it is started (it may not listen yet). */
    RunningWorkload start(WorkloadLaunch launch) throws IOException;

    /** A short name for logs and the record: "process" or "container". */
    String kind();

    @Override
    void close();
}
