package dev.spotsim.client;

/** The simulator is up: its status and how many instances it has. */
public record Health(String status, int instances) {
}
