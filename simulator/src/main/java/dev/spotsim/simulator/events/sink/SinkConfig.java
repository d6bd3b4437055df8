package dev.spotsim.simulator.events.sink;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotsim.simulator.events.Event;
import dev.spotsim.simulator.events.EventSink;
import dev.spotsim.simulator.events.pattern.EventPattern;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One sink as a YAML or JSON config lists it, e.g.
 * {@code {type: webhook, url: "http://127.0.0.1:9000/2015-03-31/functions/function/invocations",
 * pattern: {detail-type: ["EC2 Spot Instance Interruption Warning"]}}}. Checked when built by Jackson
 * (or directly), so a bad entry is refused with the field to fix before anything starts.
 *
 * @param type       webhook, file, stdout or command
 * @param name       shown in stats and logs; defaults to the type
 * @param url        webhook: where to POST
 * @param path       file: the JSONL file to append to
 * @param command    command: run with /bin/sh -c, the event on stdin
 * @param env        command: extra environment variables
 * @param pattern    an EventBridge event pattern object; absent means every event
 * @param timeout    command: how long a run may take (default 60 s)
 * @param backoff    webhook: the first wait before a retry (default 100 ms), doubling...
 * @param maxBackoff webhook: ...up to this (default 2 s)
 */
public record SinkConfig(String type, String name, String url, String path, String command, Map<String, String> env,
                         JsonNode pattern, Duration timeout, Duration backoff, Duration maxBackoff) {
    public static final List<String> TYPES = List.of("webhook", "file", "stdout", "command");

    public SinkConfig {
        if (type == null || !TYPES.contains(type)) {
            throw new IllegalArgumentException("type: expected one of " + String.join(", ", TYPES) + ", got "
                    + (type == null ? "nothing" : "\"" + type + "\""));
        }
        name = name == null || name.isBlank() ? type : name;
        env = Map.copyOf(Objects.requireNonNullElse(env, Map.of()));
        // Each field belongs to one sink type: required or optional there, refused elsewhere, so a mistyped type shows.
        ownedBy("webhook", type, "url", url, true);
        ownedBy("webhook", type, "backoff", backoff, false);
        ownedBy("webhook", type, "maxBackoff", maxBackoff, false);
        ownedBy("file", type, "path", path, true);
        ownedBy("command", type, "command", command, true);
        ownedBy("command", type, "env", env.isEmpty() ? null : env, false);
        ownedBy("command", type, "timeout", timeout, false);
        if (type.equals("webhook")) {
            webhookUri(url);
            retries(backoff, maxBackoff);
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout: expected a positive duration, got " + timeout);
        }
        EventPattern.parse(pattern);
    }

    private static void ownedBy(String owner, String type, String field, Object value, boolean required) {
        boolean present = value != null && !(value instanceof String s && s.isBlank());
        if (owner.equals(type) && required && !present) {
            throw new IllegalArgumentException(field + ": required for a " + type + " sink");
        }
        if (!owner.equals(type) && present) {
            throw new IllegalArgumentException(field + ": only a " + owner + " sink takes it, this one is " + type);
        }
    }

    private static URI webhookUri(String url) {
        try {
            URI uri = new URI(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(url, "not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url: expected an http(s) URL like http://127.0.0.1:9000/hook, got \"" + url + "\"");
        }
    }

    private static Backoff retries(Duration backoff, Duration maxBackoff) {
        return new Backoff(Objects.requireNonNullElse(backoff, Backoff.DEFAULT.first()), Objects.requireNonNullElse(maxBackoff, Backoff.DEFAULT.max()));
    }

    /**
     * The sink this entry describes.
     *
     * @param stdout              where a stdout sink prints
     * @param instanceEnvironment command sinks: variables for the event's instance (may be null)
     */
    public EventSink build(Vertx vertx, PrintStream stdout, Function<Event, Map<String, String>> instanceEnvironment) {
        EventPattern p = EventPattern.parse(pattern);
        return switch (type) {
            case "webhook" -> new WebhookSink(vertx, name, webhookUri(url), p, retries(backoff, maxBackoff));
            case "file" -> new JsonlFileSink(name, Path.of(path), p);
            case "stdout" -> new StdoutSink(name, stdout, p);
            default -> new CommandSink(name, command, event -> {
                Map<String, String> vars = new HashMap<>(instanceEnvironment == null ? Map.of() : instanceEnvironment.apply(event));
                vars.putAll(env);
                return vars;
            }, timeout, p);
        };
    }
}
