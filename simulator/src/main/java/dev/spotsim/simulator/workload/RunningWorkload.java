package dev.spotsim.simulator.workload;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One task's started workload, as a lane sees it: signals, exec inside, exit, logs. */
public interface RunningWorkload {
    /** The task id it was started for. */
    String taskId();

    /** What runs, for humans: "pid 4711" or "container 3f2a9c0d1e2b (drain-aware:exec)". */
    String describe();

    /** Sends {@code signal} to the workload's PID 1 (process: its process tree's root). Never blocks long. */
    void signal(Signal signal);

    /** Runs {@code argv} inside the workload's environment (container: docker exec); its output is appended to the log. */
    ExecResult exec(List<String> argv, Duration timeout) throws IOException;

    /** Completes once the workload has exited, with how. */
    CompletableFuture<WorkloadExit> onExit();

    boolean isAlive();

    /** The task's log file (stdout and stderr). */
    Path log();

    /** The last {@code lines} lines of the log, oldest first. */
    List<String> logTail(int lines);

    /** Frees what the runtime holds for it (a container is removed). SIGKILLs it first if still running. */
    void remove();
}
