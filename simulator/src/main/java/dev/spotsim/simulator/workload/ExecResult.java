package dev.spotsim.simulator.workload;

/** The result of a command run inside a workload: its exit code (124 on timeout) and combined output. */
public record ExecResult(int exitCode, String output) {
}
