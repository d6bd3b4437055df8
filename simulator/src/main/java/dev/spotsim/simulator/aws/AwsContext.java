package dev.spotsim.simulator.aws;

import dev.spotsim.simulator.clock.SimClock;
import dev.spotsim.simulator.events.EventBus;
import dev.spotsim.simulator.fleet.Fleet;
import dev.spotsim.simulator.platform.Platform;
import io.vertx.core.Vertx;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the AWS services may use: the one fleet service API, the event bus, the clock, and the
 * workload's platform when one runs (null otherwise).
 *
 * @param imdsEndpoint an instance's metadata endpoint URL, by instance id
 */
public record AwsContext(Fleet fleet, EventBus events, SimClock clock, Vertx vertx, Function<String, String> imdsEndpoint,
                         Supplier<Platform> platform, String accountId, String region) {
}
