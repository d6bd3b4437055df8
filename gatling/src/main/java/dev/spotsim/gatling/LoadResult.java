package dev.spotsim.gatling;

import java.nio.file.Path;

/**
 * How a load run ended.
 *
 * @param gatlingExitCode what Gatling's launcher returned: 0 ok, 2 the Simulation's own assertions failed, 1 bad arguments;
 *     0 too when the load ran but Gatling wrote no report (it writes none for a run that sent nothing)
 * @param reportDir Gatling's HTML report directory (its index.html), null if none was written
 * @param requests requests that finished, as Gatling recorded them
 * @param failures of those, the failed ones
 * @param stoppedEarly whether {@link GatlingLoad#stop()} was called before the simulation had completed
 */
public record LoadResult(int gatlingExitCode, Path reportDir, long requests, long failures, boolean stoppedEarly) {
}
