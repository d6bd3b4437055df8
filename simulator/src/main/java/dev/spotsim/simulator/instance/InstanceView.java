package dev.spotsim.simulator.instance;

import java.time.Instant;
import java.util.List;

/**
 * An immutable snapshot of one instance, replaced whole on every change, so IMDS reads it without locks.
 * {@code interruption} is the planned or current interruption (null when none); {@code rebalanceTime}
 * is when a rebalance recommendation became visible (null when none has).
 */
public record InstanceView(InstanceIdentity identity, InstanceState state, Instant launchTime, Instant stateChangedAt,
                           Interruption interruption, Instant rebalanceTime, List<MaintenanceEvent> maintenance,
                           List<MaintenanceEvent> maintenanceHistory, MetadataOptions options, Faults faults,
                           String targetLifecycleState) {
    public InstanceView {
        maintenance = List.copyOf(maintenance);
        maintenanceHistory = List.copyOf(maintenanceHistory);
    }

    public static InstanceView launched(InstanceIdentity identity, Instant now, MetadataOptions options) {
        return new InstanceView(identity, InstanceState.PENDING, now, now, null, null, List.of(), List.of(), options,
                Faults.none(), identity.autoScalingGroup() == null ? null : "Pending");
    }

    public String instanceId() {
        return identity.instanceId();
    }

    /** True once the notice is out: IMDS shows {@code spot/instance-action}. */
    public boolean noticed() {
        return interruption != null && state == InstanceState.INTERRUPTION_NOTICED;
    }

    InstanceView withState(InstanceState newState, Instant at) {
        return new InstanceView(identity, newState, launchTime, at, interruption, rebalanceTime, maintenance,
                maintenanceHistory, options, faults, targetLifecycleState);
    }

    InstanceView withInterruption(Interruption newInterruption) {
        return new InstanceView(identity, state, launchTime, stateChangedAt, newInterruption, rebalanceTime, maintenance,
                maintenanceHistory, options, faults, targetLifecycleState);
    }

    InstanceView withRebalanceTime(Instant at) {
        return new InstanceView(identity, state, launchTime, stateChangedAt, interruption, at, maintenance,
                maintenanceHistory, options, faults, targetLifecycleState);
    }

    InstanceView withMaintenance(List<MaintenanceEvent> active, List<MaintenanceEvent> history) {
        return new InstanceView(identity, state, launchTime, stateChangedAt, interruption, rebalanceTime, active, history,
                options, faults, targetLifecycleState);
    }

    InstanceView withOptions(MetadataOptions newOptions) {
        return new InstanceView(identity, state, launchTime, stateChangedAt, interruption, rebalanceTime, maintenance,
                maintenanceHistory, newOptions, faults, targetLifecycleState);
    }

    InstanceView withFaults(Faults newFaults) {
        return new InstanceView(identity, state, launchTime, stateChangedAt, interruption, rebalanceTime, maintenance,
                maintenanceHistory, options, newFaults, targetLifecycleState);
    }

    InstanceView withTargetLifecycleState(String newState) {
        return new InstanceView(identity, state, launchTime, stateChangedAt, interruption, rebalanceTime, maintenance,
                maintenanceHistory, options, faults, newState);
    }

    InstanceView withIdentity(InstanceIdentity newIdentity) {
        return new InstanceView(newIdentity, state, launchTime, stateChangedAt, interruption, rebalanceTime, maintenance,
                maintenanceHistory, options, faults, targetLifecycleState);
    }

    InstanceView relaunched(Instant now) {
        return new InstanceView(identity, InstanceState.PENDING, now, now, null, null, List.of(), List.of(), options, faults,
                identity.autoScalingGroup() == null ? null : "Pending");
    }
}
