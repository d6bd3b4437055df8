package dev.spotsim.simulator.aws.autoscaling;

import dev.spotsim.simulator.aws.AwsContext;
import dev.spotsim.simulator.aws.AwsException;
import dev.spotsim.simulator.aws.AwsProtocol;
import dev.spotsim.simulator.aws.AwsRequest;
import dev.spotsim.simulator.aws.AwsResponse;
import dev.spotsim.simulator.aws.AwsService;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Amazon EC2 Auto Scaling's query API over the simulator's groups: groups, their instances and
 * activities, capacity changes, and lifecycle hooks with their actions.
 * https://docs.aws.amazon.com/autoscaling/ec2/APIReference/Welcome.html
 */
public final class AutoScalingService implements AwsService {
    public static final String NAMESPACE = "http://autoscaling.amazonaws.com/doc/2011-01-01/";
    private final ActivityLog activities;
    private final Map<String, Function<AwsRequest, AwsResponse>> operations;

    public AutoScalingService(AwsContext context) {
        Groups groups = new Groups(context.fleet());
        activities = new ActivityLog(context.fleet());
        GroupOperations g = new GroupOperations(groups, activities, context.accountId());
        HookOperations h = new HookOperations(groups);
        operations = Map.ofEntries(
                Map.entry("DescribeAutoScalingGroups", g::describeGroups),
                Map.entry("DescribeAutoScalingInstances", g::describeInstances),
                Map.entry("SetDesiredCapacity", g::setDesiredCapacity),
                Map.entry("UpdateAutoScalingGroup", g::updateGroup),
                Map.entry("TerminateInstanceInAutoScalingGroup", g::terminateInstance),
                Map.entry("DescribeScalingActivities", g::describeActivities),
                Map.entry("PutLifecycleHook", h::put),
                Map.entry("DescribeLifecycleHooks", h::describe),
                Map.entry("DeleteLifecycleHook", h::delete),
                Map.entry("CompleteLifecycleAction", h::complete),
                Map.entry("RecordLifecycleActionHeartbeat", h::heartbeat));
    }

    @Override
    public String signingName() {
        return "autoscaling";
    }

    @Override
    public AwsProtocol protocol() {
        return AwsProtocol.QUERY;
    }

    @Override
    public String apiVersion() {
        return "2011-01-01";
    }

    @Override
    public String xmlNamespace() {
        return NAMESPACE;
    }

    @Override
    public CompletableFuture<AwsResponse> handle(AwsRequest request) {
        Function<AwsRequest, AwsResponse> operation = operations.get(request.operation());
        if (operation == null) {
            throw AwsException.badRequest("InvalidAction", "Could not find operation " + request.operation() + " for version 2011-01-01");
        }
        activities.follow();
        return CompletableFuture.completedFuture(operation.apply(request));
    }
}
