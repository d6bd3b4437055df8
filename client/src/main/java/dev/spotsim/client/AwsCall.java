package dev.spotsim.client;

import java.time.Instant;

/** One AWS API call the simulator's AWS endpoint received. */
public record AwsCall(Instant at, String service, String region, String operation, boolean read) {
}
