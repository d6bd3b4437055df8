package dev.spotsim.simulator.aws.ec2;

import dev.spotsim.simulator.aws.AwsContext;
import dev.spotsim.simulator.aws.AwsException;
import dev.spotsim.simulator.aws.AwsProtocol;
import dev.spotsim.simulator.aws.AwsRequest;
import dev.spotsim.simulator.aws.AwsResponse;
import dev.spotsim.simulator.aws.AwsService;
import dev.spotsim.simulator.aws.query.ParamErrors;
import dev.spotsim.simulator.aws.query.QueryParams;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Amazon EC2's query API over the simulated fleet: instances, their status and Spot requests,
 * terminate/stop/start, tags, regions and zones. Every change goes through {@link dev.spotsim.simulator.fleet.Fleet}.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/Welcome.html
 */
public final class Ec2Service implements AwsService {
    public static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private final Map<String, Function<AwsRequest, AwsResponse>> operations;

    public Ec2Service(AwsContext context) {
        Ec2Instances instances = new Ec2Instances(context.fleet());
        InstanceQueries queries = new InstanceQueries(instances);
        InstanceStateChanges changes = new InstanceStateChanges(context.fleet(), instances);
        TagOperations tags = new TagOperations(context.fleet(), instances);
        Regions regions = new Regions(context.fleet());
        operations = Map.ofEntries(
                Map.entry("DescribeInstances", queries::describeInstances),
                Map.entry("DescribeInstanceStatus", queries::describeInstanceStatus),
                Map.entry("DescribeSpotInstanceRequests", queries::describeSpotInstanceRequests),
                Map.entry("TerminateInstances", changes::terminate),
                Map.entry("StopInstances", changes::stop),
                Map.entry("StartInstances", changes::start),
                Map.entry("CreateTags", tags::createTags),
                Map.entry("DeleteTags", tags::deleteTags),
                Map.entry("DescribeTags", tags::describeTags),
                Map.entry("DescribeRegions", regions::describeRegions),
                Map.entry("DescribeAvailabilityZones", regions::describeAvailabilityZones));
    }

    @Override
    public String signingName() {
        return "ec2";
    }

    @Override
    public AwsProtocol protocol() {
        return AwsProtocol.EC2;
    }

    @Override
    public String apiVersion() {
        return "2016-11-15";
    }

    @Override
    public String xmlNamespace() {
        return NAMESPACE;
    }

    @Override
    public CompletableFuture<AwsResponse> handle(AwsRequest request) {
        Function<AwsRequest, AwsResponse> operation = operations.get(request.operation());
        if (operation == null) {
            throw AwsException.badRequest("InvalidAction", "The action " + request.operation() + " is not valid for this web service.");
        }
        // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/CommonParameters.html (DryRun)
        if (Boolean.TRUE.equals(QueryParams.of(request, ParamErrors.EC2).bool("DryRun"))) {
            throw new AwsException(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
        }
        return CompletableFuture.completedFuture(operation.apply(request));
    }
}
