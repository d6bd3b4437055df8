package dev.spotsim.simulator.workload;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns every workload process the simulator starts: on {@link #close()} (and, as a safety net, on
 * JVM exit) every process tree still running is killed and waited for, so no child outlives us.
 */
public final class WorkloadSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkloadSupervisor.class);
    private final List<WorkloadProcess> processes = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final Path logDir;
    private final Thread safetyNet = new Thread(this::killAll, "spotsim-workload-reaper");

    public WorkloadSupervisor(Path logDir, Clock clock) {
        this.logDir = logDir;
        this.clock = clock;
        Runtime.getRuntime().addShutdownHook(safetyNet);
    }

    /** Starts a workload; its log is {@code <logDir>/<id>.log}. */
    public WorkloadProcess start(String id, String instanceId, String command, Path workingDir, Map<String, String> environment) {
        WorkloadProcess p = WorkloadProcess.start(id, instanceId, command, workingDir, environment, logDir.resolve(id + ".log"), clock);
        processes.add(p);
        LOG.info("workload {} on {} started (pid {})", id, instanceId, p.pid());
        return p;
    }

    public List<WorkloadProcess> processes() {
        return List.copyOf(processes);
    }

    public Path logDir() {
        return logDir;
    }

    private void killAll() {
        for (WorkloadProcess p : processes) {
            p.kill();
        }
        for (WorkloadProcess p : processes) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("workload {} (pid {}) did not exit after SIGKILL: {}", p.id(), p.pid(), e.toString());
            }
        }
    }

    /** Kills every process still running and waits (bounded) for each to exit. */
    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(safetyNet);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs (or ran) anyway
        }
    }
}
