package dev.spotsim.gatling.engine;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.gatling.core.actor.ActorRef;
import io.gatling.core.controller.Controller;

/**
 * Ends a Gatling run early the way the DSL's {@code stopLoadGenerator} does: a graceful stop
 * message to Gatling's controller, so the run still ends with its log flushed and its report written.
 * The message may only go once the controller has started (before that it would kill the controller),
 * so a stop asked for earlier waits for the run's first virtual user.
 */
final class StopSwitch {
    private final CompletableFuture<Instant> started = new CompletableFuture<>();
    private ActorRef<Controller.Command> controller;
    private volatile boolean requested;
    private volatile boolean sent;

    /** The run's controller, seen while Gatling builds the scenarios (before it starts them). */
    synchronized void controller(ActorRef<Controller.Command> controller) {
        this.controller = controller;
    }

    /** A virtual user is running, so the controller has started. Called for every user: cheap once started. */
    void started() {
        if (started.isDone() && (!requested || sent)) {
            return;
        }
        synchronized (this) {
            started.complete(Instant.now());
            sendIfDue();
        }
    }

    /** Completes when the run's first virtual user starts (the control user, at the injection's start). */
    CompletionStage<Instant> whenStarted() {
        return started.minimalCompletionStage();
    }

    /** The run is over: a later stop has nothing to stop, and a load that never started says so. */
    synchronized void close() {
        controller = null;
        started.completeExceptionally(new IllegalStateException("the load ended before it started"));
    }

    /** Asks the run to stop; idempotent. */
    synchronized void request() {
        requested = true;
        sendIfDue();
    }

    boolean requested() {
        return requested;
    }

    private void sendIfDue() {
        if (requested && started.isDone() && controller != null && !sent) {
            sent = true;
            // Named by its binary name: javac cannot reach a case class nested in a Scala object's trait.
            controller.$bang(new io.gatling.core.controller.Controller$Command$StopLoadGenerator("stopped by spotsim", false));
        }
    }
}
