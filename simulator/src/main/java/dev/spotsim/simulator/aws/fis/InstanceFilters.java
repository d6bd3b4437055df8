package dev.spotsim.simulator.aws.fis;

import dev.spotsim.simulator.aws.fis.FisShapes.Filter;
import dev.spotsim.simulator.aws.json.Checks;
import dev.spotsim.simulator.instance.InstanceView;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * FIS target filters on EC2 instances: a path into the instance as DescribeInstances describes it,
 * and the values it may have (values ORed, filters ANDed).
 * https://docs.aws.amazon.com/fis/latest/userguide/targets.html#target-filters
 */
final class InstanceFilters {
    private static final Map<String, Function<InstanceView, String>> PATHS = Map.of(
            "State.Name", InstanceFilters::ec2State,
            "Placement.AvailabilityZone", v -> v.identity().availabilityZone(),
            "InstanceType", v -> v.identity().instanceType(),
            "InstanceId", InstanceView::instanceId,
            "ImageId", v -> v.identity().amiId(),
            "VpcId", v -> v.identity().vpcId(),
            "SubnetId", v -> v.identity().subnetId(),
            "PrivateIpAddress", v -> v.identity().privateIpv4(),
            "InstanceLifecycle", v -> v.identity().isSpot() ? "spot" : "");

    private InstanceFilters() {
    }

    static void check(String target, Filter f) {
        if (f.path() == null || !PATHS.containsKey(f.path())) {
            throw Checks.validation("Target " + target + ": filter path " + f.path() + " is not supported by spotsim; use one of "
                    + PATHS.keySet().stream().sorted().toList());
        }
        if (f.values() == null || f.values().isEmpty()) {
            throw Checks.validation("Target " + target + ": filter " + f.path() + " needs at least one value");
        }
    }

    static boolean matches(InstanceView v, List<Filter> filters) {
        if (filters == null) {
            return true;
        }
        return filters.stream().allMatch(f -> f.values().contains(PATHS.get(f.path()).apply(v)));
    }

    /** EC2's instance state name: the simulator's interruption steps are all "running" to EC2. */
    static String ec2State(InstanceView v) {
        return switch (v.state()) {
            case PENDING -> "pending";
            case RUNNING, REBALANCE_RECOMMENDED, INTERRUPTION_NOTICED -> "running";
            case SHUTTING_DOWN -> "shutting-down";
            case TERMINATED -> "terminated";
            case STOPPING -> "stopping";
            case STOPPED -> "stopped";
        };
    }

}
