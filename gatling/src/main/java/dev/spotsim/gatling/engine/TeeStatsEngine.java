package dev.spotsim.gatling.engine;

import io.gatling.commons.stats.OK$;
import io.gatling.commons.stats.Status;
import io.gatling.core.actor.ActorRef;
import io.gatling.core.controller.Controller;
import io.gatling.core.session.GroupBlock;
import io.gatling.core.stats.StatsEngine;

import scala.Option;
import scala.collection.immutable.List;

/**
 * Gatling's stats engine with a second reader: everything still goes to Gatling's own engine (its
 * log and HTML report), and each finished request is also recorded in the run's context, with
 * Gatling's own timestamps, status code and error message, so our figures match its report.
 */
final class TeeStatsEngine implements StatsEngine {
    private final StatsEngine gatling;
    private final RunContext run;

    TeeStatsEngine(StatsEngine gatling, RunContext run) {
        this.gatling = gatling;
        this.run = run;
    }

    @Override
    public void start() {
        gatling.start();
    }

    @Override
    public void stop(ActorRef<Controller.Command> controller, Option<Exception> exception) {
        gatling.stop(controller, exception);
    }

    @Override
    public void logUserStart(String scenario) {
        gatling.logUserStart(scenario);
    }

    @Override
    public void logUserEnd(String scenario) {
        gatling.logUserEnd(scenario);
    }

    @Override
    public void logResponse(String scenario, List<String> groups, String requestName, long startTimestamp, long endTimestamp,
            Status status, Option<String> responseCode, Option<String> message) {
        gatling.logResponse(scenario, groups, requestName, startTimestamp, endTimestamp, status, responseCode, message);
        // Gatling logs a negative end for a stream that is still open (SSE); its own writers skip those too.
        if (endTimestamp >= 0) {
            run.record(requestName, startTimestamp, endTimestamp, status == OK$.MODULE$, statusCode(responseCode),
                    message.isDefined() ? message.get() : null);
        }
    }

    @Override
    public void logGroupEnd(String scenario, GroupBlock groupBlock, long exitTimestamp) {
        gatling.logGroupEnd(scenario, groupBlock, exitTimestamp);
    }

    @Override
    public void logRequestCrash(String scenario, List<String> groups, String requestName, String error) {
        gatling.logRequestCrash(scenario, groups, requestName, error);
        run.recordCrash(requestName, error);
    }

    private static int statusCode(Option<String> responseCode) {
        if (responseCode.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(responseCode.get());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
