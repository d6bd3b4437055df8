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

    /**
     * The signal that asks it to stop when the scenario names none: a container's image STOPSIGNAL,
     * SIGTERM for a process (as Docker, ECS and Kubernetes default).
     */
    default Signal stopSignal() {
        return Signal.SIGTERM;
    }

    /**
     * Why this workload may not have drained, in the runtime's own words, added to the record's
     * explanation when a task was killed at its deadline (a container whose shell-form CMD makes
     * /bin/sh PID 1, which never passes SIGTERM on); null when the runtime has nothing to add.
     */
    default String undrainedHint(WorkloadExit exit) {
        return null;
    }

    /** Frees what the runtime holds for it (a container is removed). SIGKILLs it first if still running. */
    void remove();
}
