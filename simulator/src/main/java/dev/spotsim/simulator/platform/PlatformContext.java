package dev.spotsim.simulator.platform;

import dev.spotsim.scenarios.model.WorkloadSpec;
import dev.spotsim.simulator.instance.InstanceView;
import java.time.Duration;
import java.time.Instant;

/** What a drain lane may ask of the platform: time, the balancer, signals, and events. */
public interface PlatformContext {
    WorkloadSpec spec();

    Instant now();

    /** Runs {@code step} at {@code at} on the simulation clock. */
    void at(Instant at, Runnable step);

    /** The first poll of an agent polling every {@code interval} since the instance launched, at or after now. */
    Instant nextPoll(InstanceView instance, Duration interval);

    /** The platform saw the notice for this task. */
    void detected(Task task);

    /** The task stops counting toward the desired count: the scheduler places a replacement elsewhere. */
    void markDraining(Task task);

    /** Takes the task out of the balancer; {@code drained} runs once the balancer is done with it. */
    void deregister(Task task, Runnable drained);

    /** SIGTERM to the task, and SIGKILL after {@code grace} if it is still running. */
    void stop(Task task, Duration grace);

    /** Runs a Kubernetes-style preStop hook in the task's environment, then {@code then}. */
    void preStop(Task task, Runnable then);

    /** ECS Task State Change for the task (ECS lanes). */
    void taskStateChange(Task task, String desiredStatus, String lastStatus, String stopCode, String stoppedReason);

    /** ECS Container Instance State Change to DRAINING for the instance (ecs-ec2). */
    void containerInstanceDraining(InstanceView instance, int runningTasks);

    /** A line on the run's timeline. */
    void timeline(String kind, String instanceId, String detail);
}
