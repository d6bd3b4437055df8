package dev.spotsim.simulator.platform;

import dev.spotsim.simulator.instance.InstanceView;
import java.util.List;

/**
 * AWS Batch does not drain: a job attempt on an interrupted instance runs until the instance goes,
 * fails with "Host EC2 (instance i-...) terminated.", and is retried per the job's evaluateOnExit.
 * The retry itself is the platform's (it knows the attempts); the lane only notes the notice.
 * https://docs.aws.amazon.com/batch/latest/userguide/job_retries.html
 */
public final class BatchLane implements DrainLane {
    @Override
    public void onNotice(InstanceView instance, List<Task> tasks, PlatformContext p) {
        p.timeline("notice-ignored", instance.instanceId(), "Batch does not drain; " + tasks.size() + " attempt(s) keep running");
    }

    @Override
    public boolean servesTraffic() {
        return false;
    }
}
