package dev.spotsim.gatling.engine;

import io.gatling.core.actor.ActorRef;
import io.gatling.core.controller.Controller;

/**
 * Ends a Gatling run early the way the DSL's {@code stopLoadGenerator} does: a graceful stop
 * message to Gatling's controller, so the run still ends with its log flushed and its report written.
 * The message may only go once the controller has started (before that it would kill the controller),
 * so a stop asked for earlier waits for the run's first virtual user.
 */
final class StopSwitch {
    private ActorRef<Controller.Command> controller;
    private boolean started;
    private boolean requested;
    private boolean sent;

    /** The run's controller, seen while Gatling builds the scenarios (before it starts them). */
    synchronized void controller(ActorRef<Controller.Command> controller) {
        this.controller = controller;
    }

    /** A virtual user is running, so the controller has started. */
    synchronized void started() {
        started = true;
        sendIfDue();
    }

    /** Asks the run to stop; idempotent. */
    synchronized void request() {
        requested = true;
        sendIfDue();
    }

    synchronized boolean requested() {
        return requested;
    }

    private void sendIfDue() {
        if (requested && started && controller != null && !sent) {
            sent = true;
            controller.$bang(new io.gatling.core.controller.Controller$Command$StopLoadGenerator("stopped by spotsim", false));
        }
    }
}
