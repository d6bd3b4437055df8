package dev.spotsim.simulator.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An EventBridge event: the envelope AWS documents ({@code version} "0", {@code id}, {@code detail-type},
 * {@code source}, {@code account}, {@code time} to the second in UTC, {@code region}, {@code resources})
 * and its {@code detail}.
 * https://docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html
 */
public record Event(String id, String detailType, String source, String account, Instant time, String region,
                    List<String> resources, ObjectNode detail) {
    static final ObjectMapper JSON = new ObjectMapper();

    public Event {
        time = time.truncatedTo(ChronoUnit.SECONDS);
        resources = List.copyOf(resources);
    }

    /** A new event with a fresh id. */
    public static Event of(String detailType, String source, String account, Instant time, String region,
                           List<String> resources, ObjectNode detail) {
        return new Event(UUID.randomUUID().toString(), detailType, source, account, time, region, resources, detail);
    }

    /** The event as EventBridge delivers it, fields in AWS's order. */
    public ObjectNode toJson() {
        ObjectNode e = JSON.createObjectNode();
        e.put("version", "0");
        e.put("id", id);
        e.put("detail-type", detailType);
        e.put("source", source);
        e.put("account", account);
        e.put("time", time.toString());
        e.put("region", region);
        ArrayNode r = e.putArray("resources");
        resources.forEach(r::add);
        e.set("detail", detail);
        return e;
    }

    /** One line of JSON (the journal's and the sinks' format). */
    public String toJsonLine() {
        return toJson().toString();
    }

    /** A new, empty detail object to fill. */
    public static ObjectNode newDetail() {
        return JSON.createObjectNode();
    }

    /** Reads an event back from its JSON (a journal line, a webhook body); errors say which field is wrong. */
    public static Event fromJson(JsonNode json) {
        if (json == null || !json.isObject() || !json.path("detail").isObject()) {
            throw new IllegalArgumentException("event: expected a JSON object with a \"detail\" object");
        }
        List<String> resources = new ArrayList<>();
        json.path("resources").forEach(r -> resources.add(r.asText()));
        Instant time;
        try {
            time = Instant.parse(json.path("time").asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("event.time: expected a UTC time like 2026-01-01T12:00:00Z, got " + json.get("time"));
        }
        return new Event(json.path("id").asText(), json.path("detail-type").asText(), json.path("source").asText(),
                json.path("account").asText(), time, json.path("region").asText(), resources, ((ObjectNode) json.get("detail")).deepCopy());
    }
}
