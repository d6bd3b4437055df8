package dev.spotsim.simulator.platform;

import dev.spotsim.scenarios.model.WorkloadSpec;
import dev.spotsim.simulator.clock.SimClock;
import dev.spotsim.simulator.ecs.TaskMetadataServer;
import dev.spotsim.simulator.events.Event;
import dev.spotsim.simulator.instance.InstanceView;
import java.time.Duration;
import java.time.Instant;

/** What a drain lane may ask of the platform: time, the balancer, signals, events and ECS metadata. */
public interface PlatformContext {
    WorkloadSpec spec();

    /** The ECS cluster's name (ECS lanes). */
    String cluster();

    Instant now();

    SimClock clock();

    /** Runs {@code step} at {@code at} on the simulation clock (not after the platform closed). */
    void at(Instant at, Runnable step);

    /** The first poll of an agent polling every {@code interval} since the instance launched, at or after now. */
    Instant nextPoll(InstanceView instance, Duration interval);

    /** The instance as it is now. */
    InstanceView instance(String instanceId);

    /** The platform saw the notice for this task. */
    void detected(Task task);

    /** The task stops counting toward the desired count: the scheduler places a replacement elsewhere. */
    void markDraining(Task task);

    /**
     * Runs {@code then} once the tasks placed in place of {@code draining} are healthy (tasks off this
     * instance healthy at the desired count, as ECS waits at minimumHealthyPercent 100), or after
     * {@code Platform.REPLACEMENT_WAIT} (2 minutes) at the latest.
     */
    void whenReplaced(InstanceView instance, Runnable then);

    /** Takes the task out of the balancer; {@code drained} runs once the balancer is done with it. */
    void deregister(Task task, Runnable drained);

    /** The task's stop signal (SIGTERM unless the workload names another), and SIGKILL after {@code grace} if it still runs. */
    void stop(Task task, Duration grace);

    /**
     * Sends the task's stop signal (as {@link #stop}), and SIGKILL exactly at {@code killAt}, but no sooner than
     * {@code atLeast} after the signal, if it still runs then.
     */
    void stopUntil(Task task, Instant killAt, Duration atLeast);

    /**
     * Runs a Kubernetes-style preStop hook inside the task's workload, then {@code then}: once the hook ends, or at
     * {@code deadline} (the end of the grace period) if it still runs then.
     */
    void preStop(Task task, Instant deadline, Runnable then);

    /** Publishes an event (journal first, then the sinks). */
    void publish(Event event);

    /** The ECS task metadata endpoint, started on first use. */
    TaskMetadataServer taskMetadata();

    /** A line on the run's timeline. */
    void timeline(String kind, String instanceId, String detail);
}
