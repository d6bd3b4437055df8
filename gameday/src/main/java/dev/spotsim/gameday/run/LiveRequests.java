package dev.spotsim.gameday.run;

import dev.spotsim.gameday.ssm.LoadSummary;

/** Request figures so far from a load running alongside the game day (spotsim's own load run locally), for failedRequests stop conditions. */
@FunctionalInterface
public interface LiveRequests {
    LoadSummary sofar();
}
