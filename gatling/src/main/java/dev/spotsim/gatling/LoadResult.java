package dev.spotsim.gatling;

import java.nio.file.Path;

/**
 * How a load run ended.
 *
 * @param gatlingExitCode what Gatling's launcher returned: 0 ok, 2 the Simulation's own assertions failed, 1 bad arguments
 * @param reportDir Gatling's HTML report directory (its index.html), null if none was written
 * @param requests requests that finished, as Gatling recorded them
 * @param failures of those, the failed ones
 * @param stoppedEarly whether {@link GatlingLoad#stop()} ended the load before its injection was over
 */
public record LoadResult(int gatlingExitCode, Path reportDir, long requests, long failures, boolean stoppedEarly) {
}
