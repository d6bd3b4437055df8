package dev.spotsim.scenarios.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The traffic to drive through the balancer: an open-model rate (with an optional ramp) for a
 * duration over named requests, or the name of the user's own Gatling Simulation class.
 */
public record LoadSpec(Double rps, Duration rampUp, Duration duration, List<Request> requests, String simulation) {
    public LoadSpec {
        if (duration == null) {
            throw new IllegalArgumentException("duration: required, e.g. 3m");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("duration: expected a positive duration");
        }
        rampUp = rampUp == null ? Duration.ZERO : rampUp;
        if (rampUp.compareTo(duration) > 0) {
            throw new IllegalArgumentException("rampUp: cannot be longer than duration");
        }
        requests = requests == null ? List.of() : List.copyOf(requests);
        if (simulation != null && !requests.isEmpty()) {
            throw new IllegalArgumentException("simulation: give either requests or a Simulation class, not both");
        }
        if (simulation == null) {
            if (requests.isEmpty()) {
                throw new IllegalArgumentException("requests: expected at least one request (or a simulation class)");
            }
            if (rps == null || rps <= 0 || rps > 100_000) {
                throw new IllegalArgumentException("rps: expected a rate above 0 and at most 100000 requests per second, got " + rps);
            }
        } else if (!simulation.matches("([a-zA-Z_$][a-zA-Z0-9_$]*\\.)*[a-zA-Z_$][a-zA-Z0-9_$]*")) {
            throw new IllegalArgumentException("simulation: expected a fully qualified class name, got \"" + simulation + "\"");
        }
        if (requests.stream().map(Request::name).distinct().count() != requests.size()) {
            throw new IllegalArgumentException("requests: names must be unique");
        }
    }

    /** One named request; the weight shares the rate among requests. */
    public record Request(String name, String method, String path, String body, Map<String, String> headers, Integer weight) {
        private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

        public Request {
            if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("name: expected 1..64 letters, digits, '.', '_' or '-'");
            }
            method = method == null ? "GET" : method.toUpperCase();
            if (!METHODS.contains(method)) {
                throw new IllegalArgumentException("method: expected one of " + String.join(", ", METHODS) + ", got \"" + method + "\"");
            }
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("path: expected a path starting with /, got " + (path == null ? "nothing" : "\"" + path + "\""));
            }
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            weight = weight == null ? 1 : weight;
            if (weight < 1) {
                throw new IllegalArgumentException("weight: expected 1 or more, got " + weight);
            }
        }
    }
}
