package dev.spotsim.simulator.events;

import dev.spotsim.simulator.instance.InstanceIdentity;
import java.time.Instant;
import java.util.List;

/**
 * The Batch Job State Change shape, which shared/events lacks: AWS's sample from
 * https://docs.aws.amazon.com/batch/latest/userguide/batch_job_events.html, with an attempt filled in
 * as DescribeJobs' AttemptDetail has it, and the fields a job that ran carries (statusReason,
 * startedAt, stoppedAt; the container's exitCode, containerInstanceArn, taskArn, logStreamName).
 */
final class BatchShape {
    static final String SAMPLE = """
            {
              "version": "0",
              "id": "c8f9c4b5-76e5-d76a-f980-7011e206042b",
              "detail-type": "Batch Job State Change",
              "source": "aws.batch",
              "account": "123456789012",
              "time": "2022-01-11T23:36:40Z",
              "region": "us-east-1",
              "resources": ["arn:aws:batch:us-east-1:123456789012:job/4c7599ae-0a82-49aa-ba5a-4727fcce14a8"],
              "detail": {
                "jobArn": "arn:aws:batch:us-east-1:123456789012:job/4c7599ae-0a82-49aa-ba5a-4727fcce14a8",
                "jobName": "event-test",
                "jobId": "4c7599ae-0a82-49aa-ba5a-4727fcce14a8",
                "jobQueue": "arn:aws:batch:us-east-1:123456789012:job-queue/PexjEHappyPathCanary2JobQueue",
                "status": "FAILED",
                "statusReason": "Essential container in task exited",
                "attempts": [
                  {
                    "container": {
                      "containerInstanceArn": "arn:aws:ecs:us-east-1:123456789012:container-instance/batch/0a1b2c3d",
                      "taskArn": "arn:aws:ecs:us-east-1:123456789012:task/batch/0a1b2c3d",
                      "exitCode": 1,
                      "logStreamName": "first-run-job-definition/default/0a1b2c3d",
                      "networkInterfaces": []
                    },
                    "startedAt": 1641944300058,
                    "stoppedAt": 1641944400058,
                    "statusReason": "Essential container in task exited"
                  }
                ],
                "createdAt": 1641944200058,
                "startedAt": 1641944300058,
                "stoppedAt": 1641944400058,
                "retryStrategy": {"attempts": 2, "evaluateOnExit": [{"onStatusReason": "Host EC2*", "action": "RETRY"}]},
                "dependsOn": [],
                "jobDefinition": "arn:aws:batch:us-east-1:123456789012:job-definition/first-run-job-definition:1",
                "parameters": {},
                "container": {
                  "image": "137112412989.dkr.ecr.us-east-1.amazonaws.com/amazonlinux:latest",
                  "command": ["sleep", "600"],
                  "volumes": [],
                  "environment": [],
                  "mountPoints": [],
                  "ulimits": [],
                  "networkInterfaces": [],
                  "resourceRequirements": [{"value": "2", "type": "VCPU"}, {"value": "256", "type": "MEMORY"}],
                  "secrets": [],
                  "exitCode": 1,
                  "containerInstanceArn": "arn:aws:ecs:us-east-1:123456789012:container-instance/batch/0a1b2c3d",
                  "taskArn": "arn:aws:ecs:us-east-1:123456789012:task/batch/0a1b2c3d",
                  "logStreamName": "first-run-job-definition/default/0a1b2c3d"
                },
                "propagateTags": false,
                "platformCapabilities": ["EC2"]
              }
            }
            """;

    private BatchShape() {
    }

    static BatchEvents.Job job(Instant createdAt) {
        return new BatchEvents.Job("nightly", "4c7599ae-0a82-49aa-ba5a-4727fcce14a8", "spot-queue", "worker", 3,
                List.<String[]>of(new String[] {"Host EC2*", "retry"}, new String[] {"*", "exit"}), createdAt);
    }

    /** A job whose only attempt exited 1, as in the sample. */
    static Event failedJob(InstanceIdentity id, Instant at) {
        BatchEvents.Attempt attempt = new BatchEvents.Attempt(id.instanceId(), at.minusSeconds(100), at, 1, "Essential container in task exited");
        return BatchEvents.jobStateChange(id, job(at.minusSeconds(200)), "FAILED", "Essential container in task exited", List.of(attempt), at);
    }
}
