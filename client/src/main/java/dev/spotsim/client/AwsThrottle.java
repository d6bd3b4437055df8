package dev.spotsim.client;

import java.util.List;

/** A throttling fault on the simulator's AWS APIs: the next {@code throttle} calls of the service (or of its listed operations) fail. */
public record AwsThrottle(String service, int throttle, List<String> operations) {
    public AwsThrottle {
        operations = operations == null ? List.of() : List.copyOf(operations);
    }
}
