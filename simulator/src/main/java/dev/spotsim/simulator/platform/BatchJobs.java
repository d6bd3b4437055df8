package dev.spotsim.simulator.platform;

import dev.spotsim.scenarios.model.WorkloadSpec;
import dev.spotsim.simulator.clock.SimClock;
import dev.spotsim.simulator.events.BatchEvents;
import dev.spotsim.simulator.events.Event;
import dev.spotsim.simulator.instance.InstanceView;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * AWS Batch jobs on the simulated fleet: each job runs attempts until one succeeds or the retry
 * strategy says stop. A host lost to Spot fails the attempt with "Host EC2 (instance i-...)
 * terminated."; evaluateOnExit decides RETRY or EXIT (no matching condition: retry while attempts remain).
 * https://docs.aws.amazon.com/batch/latest/userguide/job_retries.html
 */
final class BatchJobs implements TaskDemand {
    private final WorkloadSpec spec;
    private final Consumer<Event> events;
    private final SimClock clock;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Deque<String> runnable = new ArrayDeque<>();

    private static final class Job {
        final String id;
        final Instant createdAt;
        int attempts;
        String status = "RUNNABLE";
        final List<BatchEvents.Attempt> history = new ArrayList<>();
        Instant currentStart;

        Job(String id, Instant createdAt) {
            this.id = id;
            this.createdAt = createdAt;
        }
    }

    BatchJobs(int count, WorkloadSpec spec, Consumer<Event> events, SimClock clock) {
        this.spec = spec;
        this.events = events;
        this.clock = clock;
        for (int i = 1; i <= count; i++) {
            String id = String.format("job-%03d", i);
            jobs.put(id, new Job(id, clock.now()));
            runnable.add(id);
        }
    }

    private int maxAttempts() {
        return spec.retry() == null ? 1 : spec.retry().attempts();
    }

    /** The next attempt to place ("job-001-attempt-2"), or null when no job is runnable. */
    @Override
    public synchronized String next(int running) {
        String jobId = runnable.poll();
        if (jobId == null) {
            return null;
        }
        Job job = jobs.get(jobId);
        job.attempts++;
        return jobId + "-attempt-" + job.attempts;
    }

    @Override
    public int attemptOf(String attemptId) {
        return Integer.parseInt(attemptId.substring(attemptId.lastIndexOf('-') + 1));
    }

    private static String jobOf(String attemptId) {
        return attemptId.substring(0, attemptId.indexOf("-attempt-"));
    }

    void started(InstanceView instance, Task task) {
        Job job;
        synchronized (this) {
            job = jobs.get(jobOf(task.id));
            job.status = "RUNNING";
            job.currentStart = clock.now();
        }
        publish(instance, job, "RUNNING", null, new BatchEvents.Attempt(instance.instanceId(), job.currentStart, null, null, null));
    }

    /** The attempt's process ended by itself. */
    void exited(InstanceView instance, Task task, int exitCode) {
        Job job;
        synchronized (this) {
            job = jobs.get(jobOf(task.id));
        }
        String reason = exitCode == 0 ? null : "Essential container in task exited";
        finishAttempt(instance, job, exitCode, reason, exitCode == 0);
    }

    /** The instance went away under its attempts: each fails with Batch's host-terminated reason. */
    void hostLost(InstanceView instance, List<Task> tasksOnHost) {
        for (Task t : tasksOnHost) {
            Job job;
            synchronized (this) {
                job = jobs.get(jobOf(t.id));
                if (job == null || !"RUNNING".equals(job.status) || job.attempts != attemptOf(t.id)) {
                    continue;
                }
            }
            finishAttempt(instance, job, null, BatchEvents.hostTerminated(instance.instanceId()), false);
        }
    }

    private void finishAttempt(InstanceView instance, Job job, Integer exitCode, String reason, boolean succeeded) {
        String status;
        BatchEvents.Attempt attempt;
        synchronized (this) {
            attempt = new BatchEvents.Attempt(instance.instanceId(), job.currentStart, clock.now(), exitCode, reason);
            job.history.add(attempt);
            if (succeeded) {
                status = "SUCCEEDED";
            } else if (job.attempts < maxAttempts() && retryAllowed(reason, exitCode)) {
                status = "RUNNABLE";
                runnable.add(job.id);
            } else {
                status = "FAILED";
            }
            job.status = status;
        }
        publish(instance, job, status, reason, null);
    }

    private boolean retryAllowed(String reason, Integer exitCode) {
        if (spec.retry() == null || spec.retry().evaluateOnExit().isEmpty()) {
            return true;
        }
        for (WorkloadSpec.EvaluateOnExit e : spec.retry().evaluateOnExit()) {
            boolean matches = WorkloadSpec.EvaluateOnExit.matches(e.onStatusReason(), reason)
                    && WorkloadSpec.EvaluateOnExit.matches(e.onExitCode(), exitCode == null ? null : exitCode.toString())
                    && (e.onReason() == null || WorkloadSpec.EvaluateOnExit.matches(e.onReason(), reason));
            if (matches) {
                return e.action().equals("RETRY");
            }
        }
        // No condition matched: Batch retries while attempts remain.
        return true;
    }

    private void publish(InstanceView instance, Job job, String status, String reason, BatchEvents.Attempt running) {
        List<BatchEvents.Attempt> attempts;
        List<String[]> conditions = new ArrayList<>();
        synchronized (this) {
            attempts = new ArrayList<>(job.history);
        }
        if (running != null) {
            attempts.add(running);
        }
        if (spec.retry() != null) {
            spec.retry().evaluateOnExit().forEach(e -> conditions.add(new String[] {e.onStatusReason() == null ? "*" : e.onStatusReason(), e.action()}));
        }
        BatchEvents.Job described = new BatchEvents.Job("spotsim-" + job.id, job.id, "spotsim-queue", "spotsim-job", maxAttempts(), conditions,
                job.createdAt);
        events.accept(BatchEvents.jobStateChange(instance.identity(), described, status, reason, attempts, clock.now()));
    }

    synchronized Map<String, String> statuses() {
        Map<String, String> out = new LinkedHashMap<>();
        jobs.values().forEach(j -> out.put(j.id, j.status + " after " + j.attempts + " attempt(s)"));
        return out;
    }
}
