package dev.spotsim.simulator.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotsim.simulator.instance.InstanceIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Batch Job State Change: the detail mirrors DescribeJobs' JobDetail, with every attempt so far;
 * Batch writes its times as epoch milliseconds.
 * https://docs.aws.amazon.com/batch/latest/userguide/batch_job_events.html
 */
public final class BatchEvents {
    private BatchEvents() {
    }

    /** A job attempt: on which instance, when, how it ended ({@code stoppedAt}, {@code exitCode}, {@code statusReason} null while it runs). */
    public record Attempt(String instanceId, Instant startedAt, Instant stoppedAt, Integer exitCode, String statusReason) {
    }

    /**
     * The job as Batch describes it. {@code evaluateOnExit} holds {onStatusReason, action} pairs, action
     * RETRY or EXIT in any case.
     */
    public record Job(String jobName, String jobId, String queue, String definition, int retryAttempts,
                      List<String[]> evaluateOnExit, Instant createdAt) {
    }

    /** {@code status}: SUBMITTED, PENDING, RUNNABLE, STARTING, RUNNING, SUCCEEDED or FAILED. */
    public static Event jobStateChange(InstanceIdentity id, Job job, String status, String statusReason, List<Attempt> attempts, Instant at) {
        String jobArn = arn(id, "job/" + job.jobId());
        ObjectNode d = Event.newDetail();
        d.put("jobArn", jobArn);
        d.put("jobName", job.jobName());
        d.put("jobId", job.jobId());
        d.put("jobQueue", arn(id, "job-queue/" + job.queue()));
        d.put("status", status);
        if (statusReason != null) {
            d.put("statusReason", statusReason);
        }
        ArrayNode a = d.putArray("attempts");
        attempts.forEach(attempt -> attempt(a.addObject(), id, job, attempt));
        d.put("createdAt", EventTimes.epochMillis(job.createdAt()));
        Attempt last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
        if (last != null) {
            d.put("startedAt", EventTimes.epochMillis(last.startedAt()));
            if (last.stoppedAt() != null && (status.equals("SUCCEEDED") || status.equals("FAILED"))) {
                d.put("stoppedAt", EventTimes.epochMillis(last.stoppedAt()));
            }
        }
        ObjectNode retry = d.putObject("retryStrategy");
        retry.put("attempts", job.retryAttempts());
        ArrayNode conditions = retry.putArray("evaluateOnExit");
        for (String[] condition : job.evaluateOnExit()) {
            conditions.addObject().put("onStatusReason", condition[0]).put("action", condition[1].toUpperCase(Locale.ROOT));
        }
        d.putArray("dependsOn");
        d.put("jobDefinition", arn(id, "job-definition/" + job.definition() + ":1"));
        d.putObject("parameters");
        container(d.putObject("container"), id, job, last);
        d.put("propagateTags", false);
        d.putArray("platformCapabilities").add("EC2");
        return Event.of("Batch Job State Change", "aws.batch", id.accountId(), at, id.region(), List.of(jobArn), d);
    }

    /** One AttemptDetail: the container (where it ran, how it exited, its log stream) and its times. */
    private static void attempt(ObjectNode o, InstanceIdentity id, Job job, Attempt attempt) {
        ObjectNode c = o.putObject("container");
        c.put("containerInstanceArn", containerInstanceArn(id, attempt.instanceId()));
        c.put("taskArn", taskArn(id, job, attempt));
        if (attempt.exitCode() != null) {
            c.put("exitCode", attempt.exitCode());
        }
        c.put("logStreamName", logStreamName(job));
        c.putArray("networkInterfaces");
        o.put("startedAt", EventTimes.epochMillis(attempt.startedAt()));
        if (attempt.stoppedAt() != null) {
            o.put("stoppedAt", EventTimes.epochMillis(attempt.stoppedAt()));
        }
        if (attempt.statusReason() != null) {
            o.put("statusReason", attempt.statusReason());
        }
    }

    /** The job's container, minimal but shaped as DescribeJobs shows it; where it ran once it has. */
    private static void container(ObjectNode c, InstanceIdentity id, Job job, Attempt last) {
        c.put("image", "spotsim/batch-worker:latest");
        c.putArray("command").add("spotsim-batch-worker");
        c.putArray("volumes");
        c.putArray("environment");
        c.putArray("mountPoints");
        c.putArray("ulimits");
        c.putArray("networkInterfaces");
        ArrayNode resources = c.putArray("resourceRequirements");
        resources.addObject().put("value", "1").put("type", "VCPU");
        resources.addObject().put("value", "2048").put("type", "MEMORY");
        c.putArray("secrets");
        if (last != null) {
            if (last.exitCode() != null) {
                c.put("exitCode", last.exitCode());
            }
            c.put("containerInstanceArn", containerInstanceArn(id, last.instanceId()));
            c.put("taskArn", taskArn(id, job, last));
            c.put("logStreamName", logStreamName(job));
        }
    }

    /** What Batch writes when the host of an attempt goes away. */
    public static String hostTerminated(String instanceId) {
        return "Host EC2 (instance " + instanceId + ") terminated.";
    }

    private static String logStreamName(Job job) {
        return job.definition() + "/default/" + job.jobId();
    }

    private static String containerInstanceArn(InstanceIdentity id, String instanceId) {
        return EcsEvents.containerInstanceArn(id, "batch", instanceId);
    }

    /** One ECS task per attempt, named after the job and when it started. */
    private static String taskArn(InstanceIdentity id, Job job, Attempt attempt) {
        return EcsEvents.arn(id, "task/batch/" + job.jobId() + "-" + attempt.startedAt().toEpochMilli());
    }

    private static String arn(InstanceIdentity id, String resource) {
        return "arn:aws:batch:" + id.region() + ":" + id.accountId() + ":" + resource;
    }
}
