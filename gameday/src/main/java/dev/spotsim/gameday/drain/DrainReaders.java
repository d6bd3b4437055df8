package dev.spotsim.gameday.drain;

/** The readers a game day measures drain with, and what to read; {@code ecs} is null without a cluster. */
public record DrainReaders(DrainSources sources, TargetReader targets, EcsReader ecs) {
}
