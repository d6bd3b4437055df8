package dev.spotsim.gameday.plan;

/**
 * What the command line adds to a scenario's game-day section: the run id, blast-radius caps and FIS
 * role that replace the scenario's when given, whether live request figures (spotsim's own load run
 * locally) are available for {@code failedRequests} stop conditions, and, for Gatling on the
 * generators, a URL and launcher replacing the scenario's ({@code --local}: the simulator's balancer
 * and this machine's spotsim).
 */
public record PlanOptions(String runId, Integer maxInstances, Double maxPercent, String fisRoleArn, boolean liveRequests,
                          String gatlingUrl, String gatlingLauncher) {
    public PlanOptions {
        if (runId == null || !runId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("run id: expected 1..64 letters, digits, '.', '_' or '-', got \"" + runId + "\"");
        }
        if (maxInstances != null && maxInstances < 1) {
            throw new IllegalArgumentException("--max-instances: expected 1 or more, got " + maxInstances);
        }
        if (maxPercent != null && (maxPercent <= 0 || maxPercent > 100)) {
            throw new IllegalArgumentException("--max-percent: expected above 0 and at most 100, got " + maxPercent);
        }
    }

    public PlanOptions(String runId, Integer maxInstances, Double maxPercent, String fisRoleArn, boolean liveRequests) {
        this(runId, maxInstances, maxPercent, fisRoleArn, liveRequests, null, null);
    }

    public static PlanOptions of(String runId) {
        return new PlanOptions(runId, null, null, null, false);
    }
}
