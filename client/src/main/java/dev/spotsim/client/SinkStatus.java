package dev.spotsim.client;

import com.fasterxml.jackson.databind.JsonNode;

/** An event sink of the simulator: its name, its EventBridge pattern, and its delivery figures. */
public record SinkStatus(String name, String pattern, JsonNode stats) {
}
