package dev.spotsim.cli.serve;

import dev.spotsim.scenarios.model.FleetSpec;
import dev.spotsim.scenarios.model.LoadBalancerSpec;
import dev.spotsim.scenarios.model.WorkloadSpec;
import dev.spotsim.simulator.events.sink.SinkConfig;
import dev.spotsim.simulator.instance.UserData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code spotsim serve --config FILE}: what to serve, in YAML or JSON. Either explicit
 * {@code instances}, or {@code count} generated ones, or a {@code fleet} (Auto Scaling group over
 * Spot pools, the same shape as a scenario's); event {@code sinks} and the {@code eventsJournal};
 * optionally a {@code workload} (and {@code loadBalancer}) to run on the fleet. Flags win over the file.
 */
public record ServeConfig(String host, Integer port, Integer controlPort, String imdsv2, Boolean tagsInMetadata,
                          List<Instance> instances, Integer count, FleetSpec fleet, Duration shutdownDuration,
                          String eventsJournal, List<SinkConfig> sinks, WorkloadSpec workload, LoadBalancerSpec loadBalancer,
                          Integer balancerPort) {
    public ServeConfig {
        instances = instances == null ? List.of() : List.copyOf(instances);
        sinks = sinks == null ? List.of() : List.copyOf(sinks);
        int ways = (instances.isEmpty() ? 0 : 1) + (count == null ? 0 : 1) + (fleet == null ? 0 : 1);
        if (ways > 1) {
            throw new IllegalArgumentException("give one of instances, count or fleet");
        }
        if (count != null && (count < 1 || count > IdentityOptions.MAX_INSTANCES)) {
            throw new IllegalArgumentException("count: expected 1.." + IdentityOptions.MAX_INSTANCES + ", got " + count);
        }
        if (imdsv2 != null && !imdsv2.equals("required") && !imdsv2.equals("optional")) {
            throw new IllegalArgumentException("imdsv2: expected required or optional, got \"" + imdsv2 + "\"");
        }
    }

    public static ServeConfig empty() {
        return new ServeConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * One explicitly described instance; what is left out is generated (or given by flags, which win).
     * User data is either {@code userData} (text) or {@code userDataFile} (a path, read as bytes).
     */
    public record Instance(String instanceId, String instanceType, String availabilityZone, String lifecycle, String amiId,
                           Map<String, String> tags, String userData, String userDataFile) {
        /** An instance the file says nothing about. */
        static final Instance GENERATED = new Instance(null, null, null, null, null, null, null, null);

        public Instance {
            if (userData != null && userDataFile != null) {
                throw new IllegalArgumentException("give userData or userDataFile, not both");
            }
        }

        /** The user data this entry gives, or null. */
        UserData userDataBytes() {
            return userDataFile != null ? IdentityOptions.readUserData("userDataFile", Path.of(userDataFile)) : UserData.of(userData);
        }
    }
}
