package dev.spotsim.simulator.aws.ec2;

import dev.spotsim.simulator.aws.AwsException;
import dev.spotsim.simulator.aws.AwsRequest;
import dev.spotsim.simulator.aws.AwsResponse;
import dev.spotsim.simulator.aws.query.ParamErrors;
import dev.spotsim.simulator.aws.query.QueryParams;
import dev.spotsim.simulator.aws.query.QueryResponses;
import dev.spotsim.simulator.fleet.Fleet;
import dev.spotsim.simulator.fleet.FleetException;
import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InstanceView;
import java.util.ArrayList;
import java.util.List;

/**
 * TerminateInstances, StopInstances and StartInstances through the fleet: each answers the
 * previous and current state of every instance, and repeating a call on an instance already on its
 * way is not an error, as on EC2.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TerminateInstances.html
 */
final class InstanceStateChanges {
    private final Fleet fleet;
    private final Ec2Instances instances;

    InstanceStateChanges(Fleet fleet, Ec2Instances instances) {
        this.fleet = fleet;
        this.instances = instances;
    }

    private record Change(String instanceId, InstanceState previous, InstanceState current) {
    }

    /** What to do to one instance; returns normally when done or when nothing needs doing. */
    private interface Step {
        void apply(InstanceView v);
    }

    AwsResponse terminate(AwsRequest request) {
        return change(request, v -> {
            switch (v.state()) {
                case SHUTTING_DOWN, TERMINATED -> { }
                case STOPPING -> throw incorrectState(v, "terminated");
                default -> fleet.terminate(v.instanceId());
            }
        });
    }

    AwsResponse stop(AwsRequest request) {
        return change(request, v -> {
            if (v.identity().isSpot() && v.state().isUp()) {
                // An Auto Scaling group's Spot Instances come from one-time requests, which cannot be stopped.
                throw AwsException.badRequest("UnsupportedOperation", "You can't stop the Spot Instance '" + v.instanceId()
                        + "' because it is associated with a one-time Spot Instance request. You can only stop Spot Instances associated with persistent Spot Instance requests.");
            }
            switch (v.state()) {
                case STOPPING, STOPPED -> { }
                case RUNNING, REBALANCE_RECOMMENDED -> fleet.stop(v.instanceId());
                default -> throw incorrectState(v, "stopped");
            }
        });
    }

    AwsResponse start(AwsRequest request) {
        return change(request, v -> {
            switch (v.state()) {
                case PENDING, RUNNING, REBALANCE_RECOMMENDED, INTERRUPTION_NOTICED -> { }
                case STOPPED -> fleet.start(v.instanceId());
                default -> throw incorrectState(v, "started");
            }
        });
    }

    private AwsResponse change(AwsRequest request, Step step) {
        QueryParams p = QueryParams.of(request, ParamErrors.EC2);
        List<String> ids = p.list("InstanceId");
        if (ids.isEmpty()) {
            throw ParamErrors.EC2.missing("InstanceId");
        }
        List<InstanceView> targets = instances.named(request, ids);
        List<Change> changes = new ArrayList<>();
        for (InstanceView v : targets) {
            try {
                step.apply(v);
            } catch (FleetException e) {
                throw AwsException.badRequest("IncorrectInstanceState", e.getMessage());
            }
            changes.add(new Change(v.instanceId(), v.state(), fleet.instance(v.instanceId()).state()));
        }
        return QueryResponses.ec2(request, Ec2Service.NAMESPACE, x -> x.list("instancesSet", "item", changes, (w, c) -> {
            w.element("instanceId", c.instanceId());
            InstanceXml.state(w, "currentState", c.current());
            InstanceXml.state(w, "previousState", c.previous());
        }));
    }

    private static AwsException incorrectState(InstanceView v, String verb) {
        return AwsException.badRequest("IncorrectInstanceState",
                "The instance '" + v.instanceId() + "' is not in a state from which it can be " + verb + ".");
    }
}
