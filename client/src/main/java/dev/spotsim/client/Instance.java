package dev.spotsim.client;

import java.time.Instant;
import java.util.List;

/** A simulated instance as the control API shows it: state, identity, its IMDS endpoint and what is planned for it. */
public record Instance(String instanceId, String state, String instanceType, String availabilityZone, String region, String lifecycle,
                       String imdsEndpoint, Instant launchTime, Instant stateChangedAt, Interruption interruption,
                       Instant rebalanceRecommendedAt, String targetLifecycleState, List<Maintenance> maintenance,
                       MetadataOptions metadataOptions, Faults faults) {
    public Instance {
        maintenance = maintenance == null ? List.of() : List.copyOf(maintenance);
    }
}
