package dev.spotsim.scenarios.model;

import java.util.List;
import java.util.Map;

/**
 * A rehearsal as code: the fleet, the workload and its drain lane, the balancer, the load, the
 * interruptions to play, and the SLOs that decide the verdict. {@code seed} makes random picks repeat.
 * {@code gameday} (optional) says how the same scenario runs on real AWS.
 */
public record Scenario(String name, String description, FleetSpec fleet, WorkloadSpec workload,
                       LoadBalancerSpec loadBalancer, LoadSpec load, List<InterruptionSpec> interruptions,
                       Map<String, String> slos, RecoverySpec recovery, Long seed, GamedaySpec gameday) {
    public Scenario {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new IllegalArgumentException("name: expected 1..100 letters, digits, '.', '_' or '-' (used in file names), got "
                    + (name == null ? "nothing" : "\"" + name + "\""));
        }
        if (fleet == null) {
            throw new IllegalArgumentException("fleet: required (group and pools)");
        }
        if (workload == null) {
            throw new IllegalArgumentException("workload: required (lane and command)");
        }
        loadBalancer = loadBalancer == null ? LoadBalancerSpec.defaults() : loadBalancer;
        interruptions = interruptions == null ? List.of() : List.copyOf(interruptions);
        slos = slos == null ? Map.of() : Map.copyOf(slos);
        recovery = recovery == null ? RecoverySpec.defaults() : recovery;
        seed = seed == null ? 0L : seed;
        for (Map.Entry<String, String> e : slos.entrySet()) {
            Slo.parse(e.getKey(), e.getValue());
        }
        List<String> pools = fleet.pools().stream().map(FleetSpec.Pool::key).toList();
        for (int i = 0; i < interruptions.size(); i++) {
            InterruptionSpec step = interruptions.get(i);
            String pool = step.reclaim() != null ? step.reclaim().pool() : step.select().pool();
            if (pool != null && !pools.contains(pool)) {
                throw new IllegalArgumentException("interruptions[" + i + "]: pool " + pool + " is not one of the fleet's pools ("
                        + String.join(", ", pools) + ")");
            }
            if (load != null && step.at().compareTo(load.duration()) > 0) {
                throw new IllegalArgumentException("interruptions[" + i + "].at: " + step.at().toSeconds() + "s is after the load ends ("
                        + load.duration().toSeconds() + "s)");
            }
        }
    }

    /** The SLOs, parsed and checked. */
    public List<Slo> parsedSlos() {
        return slos.entrySet().stream().map(e -> Slo.parse(e.getKey(), e.getValue()))
                .sorted(java.util.Comparator.comparing(Slo::key)).toList();
    }
}
