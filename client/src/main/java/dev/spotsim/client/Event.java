package dev.spotsim.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** An EventBridge-shaped event the simulator emitted (the envelope typed, the detail as JSON). */
public record Event(String version, String id, @JsonProperty("detail-type") String detailType, String source, String account,
                    Instant time, String region, List<String> resources, JsonNode detail) {
}
