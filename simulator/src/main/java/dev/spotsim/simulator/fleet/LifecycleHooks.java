package dev.spotsim.simulator.fleet;

import dev.spotsim.simulator.clock.SimClock;
import dev.spotsim.simulator.fleet.LifecycleHook.Result;
import dev.spotsim.simulator.fleet.LifecycleHook.Transition;
import dev.spotsim.simulator.instance.InstanceView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A group's lifecycle hooks and the actions they hold open, with AWS's semantics: every hook of the
 * transition starts an action (a token, a heartbeat timeout, a global timeout of 100 heartbeats or
 * 48 h); the instance proceeds once all are completed; a timeout applies the hook's default result;
 * ABANDON on a launch terminates the instance, on a termination it skips the remaining hooks.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/lifecycle-hooks-overview.html
 */
public final class LifecycleHooks {
    /** AWS allows 50 lifecycle hooks per group. */
    public static final int MAX_HOOKS = 50;
    private final String groupName;
    private final SimClock clock;
    private final Consumer<LifecycleAction> started;
    private final Map<String, LifecycleHook> hooks = new LinkedHashMap<>();
    private final Map<String, Open> actions = new LinkedHashMap<>();
    private final Map<String, Waiting> waiting = new LinkedHashMap<>();

    /** An action and the timer that ends it when its heartbeat runs out. */
    private record Open(LifecycleAction action, SimClock.Scheduled timer) {
    }

    /** An instance held by a transition's actions, and what happens when the last one completes. */
    private static final class Waiting {
        final Transition transition;
        final Set<String> tokens = new LinkedHashSet<>();
        final Consumer<Result> then;
        Result outcome = Result.CONTINUE;

        Waiting(Transition transition, Consumer<Result> then) {
            this.transition = transition;
            this.then = then;
        }
    }

    LifecycleHooks(String groupName, SimClock clock, Consumer<LifecycleAction> started) {
        this.groupName = groupName;
        this.clock = clock;
        this.started = started;
    }

    /** Adds or replaces a hook (PutLifecycleHook); actions already open keep the settings they started with. */
    public synchronized void put(LifecycleHook hook) {
        if (!hooks.containsKey(hook.name()) && hooks.size() >= MAX_HOOKS) {
            throw FleetException.conflict("group " + groupName + " already has " + MAX_HOOKS + " lifecycle hooks");
        }
        hooks.put(hook.name(), hook);
    }

    /** Removes a hook; open actions run on to their end. */
    public synchronized LifecycleHook delete(String name) {
        LifecycleHook removed = hooks.remove(name);
        if (removed == null) {
            throw new FleetException(FleetException.Kind.NOT_FOUND, "No Lifecycle Hook found with name " + name + " for group " + groupName);
        }
        return removed;
    }

    public synchronized List<LifecycleHook> hooks() {
        return List.copyOf(hooks.values());
    }

    public synchronized boolean has(Transition transition) {
        return hooks.values().stream().anyMatch(h -> h.transition() == transition);
    }

    /** The actions open now, oldest first. */
    public synchronized List<LifecycleAction> actions() {
        return actions.values().stream().map(Open::action).toList();
    }

    /** "Pending:Wait" or "Terminating:Wait" while hooks hold the instance, else null. */
    public synchronized String waitState(String instanceId) {
        Waiting w = waiting.get(instanceId);
        return w == null ? null : w.transition.waitState();
    }

    synchronized boolean holds(String instanceId, Transition transition) {
        Waiting w = waiting.get(instanceId);
        return w != null && w.transition == transition;
    }

    /**
     * Starts one action per hook of {@code transition} for the instance; {@code then} hears the outcome
     * once the last completes (at once, CONTINUE, when no hook applies).
     */
    void start(InstanceView instance, Transition transition, Consumer<Result> then) {
        List<LifecycleAction> opened = new ArrayList<>();
        synchronized (this) {
            List<LifecycleHook> applicable = hooks.values().stream().filter(h -> h.transition() == transition).toList();
            if (!applicable.isEmpty() && !waiting.containsKey(instance.instanceId())) {
                Waiting w = new Waiting(transition, then);
                waiting.put(instance.instanceId(), w);
                Instant now = clock.now();
                for (LifecycleHook hook : applicable) {
                    LifecycleAction a = new LifecycleAction(UUID.randomUUID().toString(), groupName, hook, instance.instanceId(), now,
                            now.plus(hook.heartbeatTimeout()), now.plus(hook.globalTimeout()));
                    w.tokens.add(a.token());
                    actions.put(a.token(), new Open(a, clock.schedule(a.heartbeatDeadline(), () -> timedOut(a.token()))));
                    opened.add(a);
                }
            }
        }
        if (opened.isEmpty()) {
            if (!holds(instance.instanceId(), transition)) {
                then.accept(Result.CONTINUE);
            }
            return;
        }
        opened.forEach(started);
    }

    /** The global reset: open actions continue (no instance stays held), then every hook is deleted; returns how many there were. */
    public int clear() {
        List<String> open;
        synchronized (this) {
            open = new ArrayList<>(actions.keySet());
        }
        open.forEach(token -> finish(token, Result.CONTINUE));
        synchronized (this) {
            int count = hooks.size();
            hooks.clear();
            return count;
        }
    }

    /** CompleteLifecycleAction by token or by instance id; NOT_FOUND when no such action is open. */
    public void complete(String hookName, String instanceId, String token, Result result) {
        finish(find(hookName, instanceId, token).token(), result);
    }

    /** RecordLifecycleActionHeartbeat: the heartbeat timeout starts again, never past the global timeout. */
    public synchronized LifecycleAction heartbeat(String hookName, String instanceId, String token) {
        LifecycleAction a = find(hookName, instanceId, token);
        Instant next = clock.now().plus(a.hook().heartbeatTimeout());
        LifecycleAction extended = a.withHeartbeatDeadline(next.isBefore(a.globalDeadline()) ? next : a.globalDeadline());
        actions.get(a.token()).timer().cancel();
        actions.put(a.token(), new Open(extended, clock.schedule(extended.heartbeatDeadline(), () -> timedOut(a.token()))));
        return extended;
    }

    private synchronized LifecycleAction find(String hookName, String instanceId, String token) {
        for (Open o : actions.values()) {
            LifecycleAction a = o.action();
            boolean sameHook = a.hook().name().equals(hookName);
            if (sameHook && (token != null ? a.token().equals(token) : a.instanceId().equals(instanceId))) {
                return a;
            }
        }
        throw new FleetException(FleetException.Kind.NOT_FOUND, "No active Lifecycle Action found with "
                + (token != null ? "token " + token : "instance ID " + instanceId) + " for hook " + hookName);
    }

    private void timedOut(String token) {
        Result result;
        synchronized (this) {
            Open o = actions.get(token);
            if (o == null) {
                return;
            }
            result = o.action().hook().defaultResult();
        }
        finish(token, result);
    }

    private void finish(String token, Result result) {
        Consumer<Result> then = null;
        Result outcome = null;
        synchronized (this) {
            Open o = actions.remove(token);
            if (o == null) {
                return;
            }
            o.timer().cancel();
            Waiting w = waiting.get(o.action().instanceId());
            w.tokens.remove(token);
            if (result == Result.ABANDON) {
                w.outcome = Result.ABANDON;
                w.tokens.forEach(t -> actions.remove(t).timer().cancel());
                w.tokens.clear();
            }
            if (w.tokens.isEmpty()) {
                waiting.remove(o.action().instanceId());
                then = w.then;
                outcome = w.outcome;
            }
        }
        if (then != null) {
            then.accept(outcome);
        }
    }

    /** The instance is gone (the Spot action took it, or EC2 terminated it): its actions end without an outcome. */
    synchronized void instanceGone(String instanceId) {
        Waiting w = waiting.remove(instanceId);
        if (w != null) {
            w.tokens.forEach(t -> actions.remove(t).timer().cancel());
        }
    }
}
