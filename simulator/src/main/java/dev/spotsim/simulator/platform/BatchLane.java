package dev.spotsim.simulator.platform;

import dev.spotsim.simulator.instance.InstanceView;
import dev.spotsim.simulator.workload.WorkloadExit;
import java.util.List;
import java.util.Map;

/**
 * AWS Batch does not drain: a job attempt on an interrupted instance runs until the instance goes,
 * fails with "Host EC2 (instance i-...) terminated.", and is retried per the job's evaluateOnExit on
 * other capacity. The scheduler places runnable job attempts instead of keeping a count of tasks.
 * https://docs.aws.amazon.com/batch/latest/userguide/job_retries.html
 */
public final class BatchLane implements DrainLane {
    private volatile BatchJobs jobs;

    @Override
    public TaskDemand demand(int desiredTasks, PlatformContext p) {
        jobs = new BatchJobs(desiredTasks, p.spec(), p::publish, p.clock());
        return jobs;
    }

    @Override
    public void placed(Task task, InstanceView instance, PlatformContext p) {
        jobs.started(instance, task);
    }

    @Override
    public void onNotice(InstanceView instance, List<Task> tasks, PlatformContext p) {
        p.timeline("notice-ignored", instance.instanceId(), "Batch does not drain; " + tasks.size() + " attempt(s) keep running");
    }

    /** Nothing drains: the instance goes at once, with whatever still runs on it. */
    @Override
    public void onTerminating(InstanceView instance, List<Task> tasks, String cause, PlatformContext p) {
        drain(instance, tasks, p);
    }

    @Override
    public void drain(InstanceView instance, List<Task> tasks, PlatformContext p) {
        p.timeline("terminating-unhandled", instance.instanceId(), "Batch does not drain; " + tasks.size() + " attempt(s) go with the instance");
    }

    @Override
    public void onHostLost(InstanceView instance, List<Task> tasks, PlatformContext p) {
        jobs.hostLost(instance, tasks);
    }

    /** An attempt that ended by itself (not with its host) succeeded or failed by its exit code. */
    @Override
    public void onExit(Task task, WorkloadExit exit, PlatformContext p) {
        if (task.killed == null) {
            jobs.exited(p.instance(task.instanceId), task, exit.exitCode());
        }
    }

    @Override
    public boolean servesTraffic() {
        return false;
    }

    @Override
    public Map<String, String> jobStatuses() {
        BatchJobs j = jobs;
        return j == null ? Map.of() : j.statuses();
    }
}
