package dev.spotsim.simulator.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotsim.simulator.instance.InstanceIdentity;
import java.time.Instant;
import java.util.List;

/**
 * Batch Job State Change: the detail mirrors DescribeJobs, with every attempt so far; Batch times
 * are epoch milliseconds.
 * https://docs.aws.amazon.com/batch/latest/userguide/batch_cwe_events.html
 */
public final class BatchEvents {
    private BatchEvents() {
    }

    /** A job attempt: on which instance, when, how it ended. */
    public record Attempt(String instanceId, Instant startedAt, Instant stoppedAt, Integer exitCode, String statusReason) {
    }

    /** The job as Batch describes it. */
    public record Job(String jobName, String jobId, String queue, String definition, int retryAttempts,
                      List<String[]> evaluateOnExit, Instant createdAt) {
    }

    /** {@code status}: SUBMITTED, PENDING, RUNNABLE, STARTING, RUNNING, SUCCEEDED or FAILED. */
    public static Event jobStateChange(InstanceIdentity id, Job job, String status, String statusReason, List<Attempt> attempts, Instant at) {
        String jobArn = "arn:aws:batch:" + id.region() + ":" + id.accountId() + ":job/" + job.jobId();
        ObjectNode d = Event.newDetail();
        d.put("jobArn", jobArn);
        d.put("jobName", job.jobName());
        d.put("jobId", job.jobId());
        d.put("jobQueue", "arn:aws:batch:" + id.region() + ":" + id.accountId() + ":job-queue/" + job.queue());
        d.put("status", status);
        if (statusReason != null) {
            d.put("statusReason", statusReason);
        }
        ArrayNode a = d.putArray("attempts");
        for (Attempt attempt : attempts) {
            ObjectNode o = a.addObject();
            ObjectNode c = o.putObject("container");
            c.put("containerInstanceArn", "arn:aws:ecs:" + id.region() + ":" + id.accountId() + ":container-instance/batch/" + attempt.instanceId());
            if (attempt.exitCode() != null) {
                c.put("exitCode", attempt.exitCode());
            }
            c.put("logStreamName", job.definition() + "/default/" + job.jobId());
            o.put("startedAt", attempt.startedAt().toEpochMilli());
            if (attempt.stoppedAt() != null) {
                o.put("stoppedAt", attempt.stoppedAt().toEpochMilli());
            }
            if (attempt.statusReason() != null) {
                o.put("statusReason", attempt.statusReason());
            }
        }
        d.put("createdAt", job.createdAt().toEpochMilli());
        ObjectNode retry = d.putObject("retryStrategy");
        retry.put("attempts", job.retryAttempts());
        ArrayNode conditions = retry.putArray("evaluateOnExit");
        for (String[] condition : job.evaluateOnExit()) {
            conditions.addObject().put("onStatusReason", condition[0]).put("action", condition[1].toLowerCase());
        }
        d.putArray("dependsOn");
        d.put("jobDefinition", "arn:aws:batch:" + id.region() + ":" + id.accountId() + ":job-definition/" + job.definition() + ":1");
        d.putObject("parameters");
        ObjectNode container = d.putObject("container");
        container.put("image", "spotsim/batch-worker");
        container.put("vcpus", 1);
        container.put("memory", 2048);
        container.putArray("command");
        return Event.of("Batch Job State Change", "aws.batch", id.accountId(), at, id.region(), List.of(jobArn), d);
    }

    /** What Batch writes when the host of an attempt goes away. */
    public static String hostTerminated(String instanceId) {
        return "Host EC2 (instance " + instanceId + ") terminated.";
    }
}
