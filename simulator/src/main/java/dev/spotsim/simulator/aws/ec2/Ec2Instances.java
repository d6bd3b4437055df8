package dev.spotsim.simulator.aws.ec2;

import dev.spotsim.simulator.aws.AwsException;
import dev.spotsim.simulator.aws.AwsRequest;
import dev.spotsim.simulator.fleet.Fleet;
import dev.spotsim.simulator.instance.InstanceView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The fleet's instances as EC2 in one region lists them: terminated ones fade after an hour, ids
 * are checked for shape ({@code InvalidInstanceID.Malformed}) and existence ({@code InvalidInstanceID.NotFound}).
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
 */
final class Ec2Instances {
    private static final Pattern INSTANCE_ID = Pattern.compile("i-([0-9a-f]{8}|[0-9a-f]{17})");
    private final Fleet fleet;

    Ec2Instances(Fleet fleet) {
        this.fleet = fleet;
    }

    /** Every instance the request's region lists now, in launch order. */
    List<InstanceView> visible(AwsRequest request) {
        var now = fleet.clock().now();
        return fleet.instances().stream()
                .filter(v -> v.identity().region().equals(request.region()))
                .filter(v -> Ec2States.visible(v, now)).toList();
    }

    /** The named instances, in the order asked; every id must be well formed and exist in the region. */
    List<InstanceView> named(AwsRequest request, List<String> ids) {
        Map<String, InstanceView> byId = new LinkedHashMap<>();
        visible(request).forEach(v -> byId.put(v.instanceId(), v));
        List<String> missing = new ArrayList<>();
        List<InstanceView> found = new ArrayList<>();
        for (String id : ids) {
            if (!INSTANCE_ID.matcher(id).matches()) {
                throw AwsException.badRequest("InvalidInstanceID.Malformed", "Invalid id: \"" + id + "\" (expecting \"i-...\")");
            }
            InstanceView v = byId.get(id);
            if (v == null) {
                missing.add(id);
            } else if (!found.contains(v)) {
                found.add(v);
            }
        }
        if (!missing.isEmpty()) {
            throw AwsException.badRequest("InvalidInstanceID.NotFound", missing.size() == 1
                    ? "The instance ID '" + missing.get(0) + "' does not exist"
                    : "The instance IDs '" + String.join(", ", missing) + "' do not exist");
        }
        return found;
    }

    /** The instances named by {@code ids}, or every visible one when none is named. */
    List<InstanceView> namedOrAll(AwsRequest request, List<String> ids) {
        return ids.isEmpty() ? visible(request) : named(request, ids);
    }
}
