package dev.spotsim.gameday.drain;

import java.time.Instant;
import java.util.List;

/**
 * One ECS task as DescribeTasks shows it: where it runs, its status, when ECS began stopping it and when
 * it stopped, why ({@code stopCode}, {@code stoppedReason}), the essential exit code, and its private IPs
 * (an awsvpc task is a target by IP). https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Task.html
 */
public record TaskView(String taskArn, String instanceId, String lastStatus, Instant stoppingAt, Instant stoppedAt, String stopCode,
                       String stoppedReason, Integer exitCode, List<String> privateIps) {
    public TaskView {
        privateIps = privateIps == null ? List.of() : List.copyOf(privateIps);
    }

    public boolean stopped() {
        return "STOPPED".equals(lastStatus);
    }

    /** The short id, as the console shows it. */
    public String taskId() {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }
}
