package dev.spotsim.simulator.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotsim.simulator.events.pattern.EventPattern;
import dev.spotsim.simulator.events.sink.CommandSink;
import dev.spotsim.simulator.events.sink.JsonlFileSink;
import dev.spotsim.simulator.events.sink.StdoutSink;
import dev.spotsim.simulator.events.sink.WebhookSink;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One event sink as a config file writes it: {@code type} webhook, file, stdout or command, what it
 * needs ({@code url}, {@code path}, {@code command}), and an optional EventBridge {@code pattern}.
 */
public record SinkConfig(String name, String type, String url, String path, String command, Duration timeout,
                         Map<String, String> env, JsonNode pattern) {
    private static final List<String> TYPES = List.of("webhook", "file", "stdout", "command");

    public SinkConfig {
        if (type == null || !TYPES.contains(type)) {
            throw new IllegalArgumentException("type: expected one of " + String.join(", ", TYPES) + ", got " + (type == null ? "nothing" : "\"" + type + "\""));
        }
        name = name == null ? type : name;
        switch (type) {
            case "webhook" -> require(url, "url", "an http(s) URL, e.g. http://127.0.0.1:9000/2015-03-31/functions/function/invocations");
            case "file" -> require(path, "path", "a file path for the JSONL");
            case "command" -> require(command, "command", "a shell command; it gets the event on stdin");
            default -> { }
        }
        timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
        env = env == null ? Map.of() : Map.copyOf(env);
        // Parse now, so a bad pattern is reported with the config file, not at the first event.
        EventPattern.parse(pattern);
    }

    private static void require(String value, String field, String expected) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": required, " + expected);
        }
    }

    public EventPattern eventPattern() {
        return EventPattern.parse(pattern);
    }

    /** Builds the sink; {@code instanceEnvironment} gives a command the environment of the event's instance. */
    public EventSink build(Function<Event, Map<String, String>> instanceEnvironment) {
        return switch (type) {
            case "webhook" -> new WebhookSink(name, URI.create(url), Duration.ofMillis(100), Duration.ofSeconds(30));
            case "file" -> new JsonlFileSink(name, Path.of(path));
            case "stdout" -> new StdoutSink(name, System.out);
            default -> new CommandSink(name, command, timeout, e -> {
                Map<String, String> all = new java.util.LinkedHashMap<>(instanceEnvironment.apply(e));
                all.putAll(env);
                return all;
            });
        };
    }
}
