package dev.spotsim.simulator.aws.ecs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotsim.scenarios.model.Lane;
import dev.spotsim.simulator.aws.AwsContext;
import dev.spotsim.simulator.aws.AwsException;
import dev.spotsim.simulator.aws.AwsProtocol;
import dev.spotsim.simulator.aws.AwsRequest;
import dev.spotsim.simulator.aws.AwsResponse;
import dev.spotsim.simulator.aws.AwsService;
import dev.spotsim.simulator.aws.JsonBody;
import dev.spotsim.simulator.aws.Paging;
import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.platform.Platform;
import dev.spotsim.simulator.platform.TaskRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The ECS reads a game day needs to watch a drain (JSON 1.1,
 * {@code X-Amz-Target: AmazonEC2ContainerServiceV20141113.*}): ListClusters, DescribeClusters,
 * ListTasks, DescribeTasks, ListContainerInstances, DescribeContainerInstances, from the running
 * workload when its lane is ecs-ec2 or fargate-spot. Without one there are no clusters.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Operations.html
 */
public final class EcsService implements AwsService {
    private final AwsContext context;

    public EcsService(AwsContext context) {
        this.context = context;
    }

    @Override
    public String signingName() {
        return "ecs";
    }

    @Override
    public AwsProtocol protocol() {
        return AwsProtocol.JSON_1_1;
    }

    @Override
    public List<String> targetPrefixes() {
        return List.of("AmazonEC2ContainerServiceV20141113");
    }

    @Override
    public CompletableFuture<AwsResponse> handle(AwsRequest request) {
        ObjectNode in = JsonBody.object(request, "SerializationException");
        EcsView view = view(request.region());
        ObjectNode out = switch (request.operation()) {
            case "ListClusters" -> listClusters(in, view);
            case "DescribeClusters" -> describeClusters(in, view);
            case "ListTasks" -> listTasks(in, cluster(in, view));
            case "DescribeTasks" -> describeTasks(in, cluster(in, view));
            case "ListContainerInstances" -> listContainerInstances(in, cluster(in, view));
            case "DescribeContainerInstances" -> describeContainerInstances(in, cluster(in, view));
            default -> throw new AwsException(400, "UnknownOperationException", "spotsim's ECS serves the reads ListClusters, "
                    + "DescribeClusters, ListTasks, DescribeTasks, ListContainerInstances and DescribeContainerInstances, not "
                    + request.operation() + ".");
        };
        return CompletableFuture.completedFuture(AwsResponse.json(AwsProtocol.JSON_1_1, out.toString()));
    }

    /** The ECS view of the running workload in this region, or null when no ECS workload runs there. */
    private EcsView view(String region) {
        Platform p = context.platform().get();
        if (p == null || !region.equals(context.region())) {
            return null;
        }
        Lane lane = p.spec().parsedLane();
        return lane == Lane.ECS_EC2 || lane == Lane.FARGATE_SPOT ? new EcsView(p, context.fleet(), region, context.accountId()) : null;
    }

    /** The cluster a request names (by name or ARN; "default" when it names none); ClusterNotFoundException otherwise. */
    private static EcsView cluster(ObjectNode in, EcsView view) {
        String asked = in.path("cluster").asText("default");
        if (view == null || !(asked.equals(view.clusterArn()) || view.clusterArn().endsWith(":cluster/" + asked))) {
            throw new AwsException(400, "ClusterNotFoundException", "Cluster not found.");
        }
        return view;
    }

    private static ObjectNode listClusters(ObjectNode in, EcsView view) {
        List<String> arns = view == null ? List.of() : List.of(view.clusterArn());
        return page(in, arns, Function.identity(), "clusterArns");
    }

    private static ObjectNode describeClusters(ObjectNode in, EcsView view) {
        ObjectNode out = EcsView.JSON.createObjectNode();
        ArrayNode clusters = out.putArray("clusters");
        ArrayNode failures = out.putArray("failures");
        List<String> asked = strings(in, "clusters");
        for (String name : asked.isEmpty() ? List.of("default") : asked) {
            if (view != null && (name.equals(view.clusterArn()) || view.clusterArn().endsWith(":cluster/" + name))) {
                long running = view.containerInstances().size();
                ObjectNode c = clusters.addObject();
                c.put("clusterArn", view.clusterArn()).put("clusterName", view.clusterArn().substring(view.clusterArn().indexOf('/') + 1));
                c.put("status", "ACTIVE").put("registeredContainerInstancesCount", running);
                c.put("runningTasksCount", runningTasks(view)).put("pendingTasksCount", 0).put("activeServicesCount", 1);
            } else {
                failures.addObject().put("arn", name.startsWith("arn:") ? name : "cluster/" + name).put("reason", "MISSING");
            }
        }
        return out;
    }

    private static long runningTasks(EcsView view) {
        return view.platformTasks().stream().filter(t -> "RUNNING".equals(EcsView.lastStatus(t))).count();
    }

    /** ListTasks: desiredStatus RUNNING unless asked otherwise, as ECS does; filtered by container instance and launch type. */
    private static ObjectNode listTasks(ObjectNode in, EcsView view) {
        String desired = in.path("desiredStatus").asText("RUNNING");
        String containerInstance = in.path("containerInstance").asText(null);
        String launchType = in.path("launchType").asText(null);
        List<String> arns = new ArrayList<>();
        for (TaskRecord t : view.platformTasks()) {
            boolean onInstance = containerInstance == null || view.containerInstanceArn(t.instanceId()).equals(containerInstance)
                    || view.containerInstanceArn(t.instanceId()).endsWith("/" + containerInstance);
            boolean launch = launchType == null || launchType.equals(view.fargate() ? "FARGATE" : "EC2");
            if (EcsView.desiredStatus(t).equals(desired) && onInstance && launch) {
                arns.add(view.taskArn(t));
            }
        }
        arns.sort(null);
        return page(in, arns, Function.identity(), "taskArns");
    }

    private static ObjectNode describeTasks(ObjectNode in, EcsView view) {
        List<String> asked = required(in, "tasks");
        ObjectNode out = EcsView.JSON.createObjectNode();
        ArrayNode tasks = out.putArray("tasks");
        ArrayNode failures = out.putArray("failures");
        for (String id : asked) {
            TaskRecord t = view.platformTasks().stream().filter(r -> view.taskArn(r).equals(id) || r.taskId().equals(id)).findFirst()
                    .orElse(null);
            if (t == null) {
                failures.addObject().put("arn", id.startsWith("arn:") ? id : view.arn("task/" + id)).put("reason", "MISSING");
            } else {
                tasks.add(view.task(t));
            }
        }
        return out;
    }

    private static ObjectNode listContainerInstances(ObjectNode in, EcsView view) {
        String status = in.path("status").asText(null);
        List<String> arns = view.containerInstances().stream().filter(v -> status == null || view.status(v).equals(status))
                .map(v -> view.containerInstanceArn(v.instanceId())).sorted().toList();
        return page(in, arns, Function.identity(), "containerInstanceArns");
    }

    private static ObjectNode describeContainerInstances(ObjectNode in, EcsView view) {
        List<String> asked = required(in, "containerInstances");
        ObjectNode out = EcsView.JSON.createObjectNode();
        ArrayNode found = out.putArray("containerInstances");
        ArrayNode failures = out.putArray("failures");
        for (String id : asked) {
            InstanceView v = view.containerInstances().stream().filter(c -> view.containerInstanceArn(c.instanceId()).equals(id)
                    || view.containerInstanceArn(c.instanceId()).endsWith("/" + id)).findFirst().orElse(null);
            if (v == null) {
                failures.addObject().put("arn", id.startsWith("arn:") ? id : view.arn("container-instance/" + id)).put("reason", "MISSING");
            } else {
                found.add(view.containerInstance(v));
            }
        }
        return out;
    }

    private static List<String> strings(ObjectNode in, String member) {
        List<String> out = new ArrayList<>();
        in.path(member).forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> required(ObjectNode in, String member) {
        List<String> out = strings(in, member);
        if (out.isEmpty() || out.size() > 100) {
            throw new AwsException(400, "InvalidParameterException", member + " can have at most 100 items and at least 1.");
        }
        return out;
    }

    /** A page of at most maxResults (1..100, default 100) after nextToken. */
    private static <T> ObjectNode page(ObjectNode in, List<T> items, Function<T, String> key, String member) {
        int max = in.path("maxResults").asInt(100);
        if (in.has("maxResults") && (max < 1 || max > 100)) {
            throw new AwsException(400, "InvalidParameterException", "maxResults must be between 1 and 100.");
        }
        Paging.Page<T> page;
        try {
            page = Paging.page(items, key, in.path("nextToken").asText(null), max);
        } catch (IllegalArgumentException e) {
            throw new AwsException(400, "InvalidParameterException", "Invalid nextToken.");
        }
        ObjectNode out = EcsView.JSON.createObjectNode();
        ArrayNode list = out.putArray(member);
        page.items().forEach(i -> list.add(key.apply(i)));
        if (page.nextToken() != null) {
            out.put("nextToken", page.nextToken());
        }
        return out;
    }
}
