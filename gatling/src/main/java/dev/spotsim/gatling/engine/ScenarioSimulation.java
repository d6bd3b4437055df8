package dev.spotsim.gatling.engine;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import dev.spotsim.scenarios.model.LoadSpec;
import dev.spotsim.scenarios.model.LoadSpec.Request;

/**
 * The Simulation generated from a scenario's load section: an open model, one scenario per named
 * request, each injected at its weight's share of the rate (so the shares are exact rather than
 * drawn at random), ramped from 0 over rampUp, then constant until the duration is over.
 */
final class ScenarioSimulation extends Simulation {
    ScenarioSimulation(LoadSpec load, URI baseUrl) {
        List<PopulationBuilder> populations = new ArrayList<>();
        int totalWeight = load.requests().stream().mapToInt(Request::weight).sum();
        for (Request request : load.requests()) {
            double rate = load.rps() * request.weight() / totalWeight;
            populations.add(scenario(request.name()).exec(httpRequest(request)).injectOpen(injection(rate, load.rampUp(), load.duration())));
        }
        setUp(populations).protocols(protocol(baseUrl));
    }

    /** Gatling's steps for one request's share of the rate over the load's duration. */
    static List<OpenInjectionStep> injection(double rate, Duration rampUp, Duration duration) {
        List<OpenInjectionStep> steps = new ArrayList<>();
        if (!rampUp.isZero()) {
            steps.add(rampUsersPerSec(0).to(rate).during(rampUp));
        }
        Duration steady = duration.minus(rampUp);
        if (!steady.isZero()) {
            steps.add(constantUsersPerSec(rate).during(steady));
        }
        return steps;
    }

    private static HttpProtocolBuilder protocol(URI baseUrl) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        return http.baseUrl(base)
                // The default warm-up request goes to an outside website: this machine makes no outbound call.
                .disableWarmUp()
                // One pool of keep-alive connections, as a fleet of clients behind a balancer would hold;
                // a new connection per user would leave thousands of sockets in TIME_WAIT on long runs.
                .shareConnections()
                // Every request must reach the target: no answers served from Gatling's HTTP cache.
                .disableCaching();
    }

    private static HttpRequestActionBuilder httpRequest(Request request) {
        // Functions rather than strings: Gatling would read "#{...}" in a string as its expression language.
        String path = request.path();
        HttpRequestActionBuilder action = http(request.name()).httpRequest(request.method(), session -> path);
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            String value = header.getValue();
            action = action.header(header.getKey(), session -> value);
        }
        if (request.body() != null) {
            action = action.body(ByteArrayBody(request.body().getBytes(StandardCharsets.UTF_8)));
        }
        return action;
    }
}
