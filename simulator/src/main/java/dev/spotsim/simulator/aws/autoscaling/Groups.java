package dev.spotsim.simulator.aws.autoscaling;

import dev.spotsim.simulator.aws.AwsException;
import dev.spotsim.simulator.aws.AwsRequest;
import dev.spotsim.simulator.fleet.AutoScalingGroup;
import dev.spotsim.simulator.fleet.Fleet;
import dev.spotsim.simulator.fleet.FleetException;
import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InstanceView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The fleet's groups as Auto Scaling in one region sees them, and their instances until terminated. */
final class Groups {
    private final Fleet fleet;

    Groups(Fleet fleet) {
        this.fleet = fleet;
    }

    Fleet fleet() {
        return fleet;
    }

    static String regionOf(AutoScalingGroup g) {
        String az = g.spec().pools().get(0).availabilityZone();
        return az.substring(0, az.length() - 1);
    }

    /** Every group of the request's region, by name. */
    List<AutoScalingGroup> inRegion(AwsRequest request) {
        return fleet.groups().stream().filter(g -> regionOf(g).equals(request.region()))
                .sorted(java.util.Comparator.comparing(AutoScalingGroup::name)).toList();
    }

    /** The named group, or Auto Scaling's ValidationError. */
    AutoScalingGroup named(AwsRequest request, String name) {
        return inRegion(request).stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> AwsException.badRequest("ValidationError", "AutoScalingGroup name not found - AutoScalingGroup '" + name + "' not found"));
    }

    /** The group's instances that are not terminated yet, in launch order (leaving ones included, as AWS lists them). */
    List<InstanceView> instancesOf(AutoScalingGroup g) {
        return fleet.instances().stream().filter(v -> g.name().equals(v.identity().autoScalingGroup()))
                .filter(v -> v.state() != InstanceState.TERMINATED).toList();
    }

    /** When the group was created: its first launch. */
    Instant createdTime(AutoScalingGroup g) {
        return fleet.instances().stream().filter(v -> g.name().equals(v.identity().autoScalingGroup()))
                .map(InstanceView::launchTime).min(Instant::compareTo).orElse(fleet.clock().now());
    }

    /** The group of the region that manages the instance now. */
    Optional<AutoScalingGroup> owning(AwsRequest request, String instanceId) {
        InstanceView v;
        try {
            v = fleet.instance(instanceId);
        } catch (FleetException e) {
            return Optional.empty();
        }
        return inRegion(request).stream().filter(g -> g.name().equals(v.identity().autoScalingGroup()))
                .filter(g -> instancesOf(g).stream().anyMatch(i -> i.instanceId().equals(instanceId))).findFirst();
    }
}
