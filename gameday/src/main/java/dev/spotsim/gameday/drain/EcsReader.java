package dev.spotsim.gameday.drain;

import dev.spotsim.gameday.Batches;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.NetworkInterface;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The ECS reads drain is measured from (all read-only): which EC2 instance each container instance is,
 * the tasks running in the cluster, and any tasks' current view. DescribeTasks and
 * DescribeContainerInstances take at most 100 ARNs a call.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeTasks.html
 */
public final class EcsReader {
    static final int MAX_ARNS = 100;

    private final EcsClient ecs;
    private final String cluster;
    private final Map<String, String> instanceOf = new HashMap<>();

    public EcsReader(EcsClient ecs, String cluster) {
        this.ecs = ecs;
        this.cluster = cluster;
    }

    /** Refreshes container instance ARN -> EC2 instance id (ListContainerInstances, DescribeContainerInstances). */
    private void refreshContainerInstances() {
        List<String> arns = new ArrayList<>();
        ecs.listContainerInstancesPaginator(b -> b.cluster(cluster)).forEach(p -> arns.addAll(p.containerInstanceArns()));
        List<String> unknown = arns.stream().filter(a -> !instanceOf.containsKey(a)).toList();
        for (List<String> batch : Batches.of(unknown, MAX_ARNS)) {
            for (ContainerInstance ci : ecs.describeContainerInstances(b -> b.cluster(cluster).containerInstances(batch)).containerInstances()) {
                instanceOf.put(ci.containerInstanceArn(), ci.ec2InstanceId());
            }
        }
    }

    /** Every task the cluster runs now. */
    public List<TaskView> running() {
        List<String> arns = new ArrayList<>();
        ecs.listTasksPaginator(b -> b.cluster(cluster).desiredStatus(DesiredStatus.RUNNING)).forEach(p -> arns.addAll(p.taskArns()));
        return describe(arns);
    }

    /** The current view of {@code taskArns} (stopped tasks stay describable for at least an hour). */
    public List<TaskView> describe(List<String> taskArns) {
        List<Task> tasks = new ArrayList<>();
        for (List<String> batch : Batches.of(taskArns, MAX_ARNS)) {
            tasks.addAll(ecs.describeTasks(b -> b.cluster(cluster).tasks(batch)).tasks());
        }
        if (tasks.stream().anyMatch(t -> t.containerInstanceArn() != null && !instanceOf.containsKey(t.containerInstanceArn()))) {
            refreshContainerInstances();
        }
        return tasks.stream().map(this::view).toList();
    }

    private TaskView view(Task t) {
        Integer exit = t.containers().stream().map(Container::exitCode).filter(Objects::nonNull).findFirst().orElse(null);
        List<String> ips = t.containers().stream().flatMap(c -> c.networkInterfaces().stream()).map(NetworkInterface::privateIpv4Address)
                .filter(Objects::nonNull).distinct().toList();
        return new TaskView(t.taskArn(), t.containerInstanceArn() == null ? null : instanceOf.get(t.containerInstanceArn()), t.lastStatus(),
                t.stoppingAt(), t.stoppedAt() != null ? t.stoppedAt() : t.executionStoppedAt(), t.stopCodeAsString(), t.stoppedReason(), exit, ips);
    }
}
