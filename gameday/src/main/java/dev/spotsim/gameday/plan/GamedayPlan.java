package dev.spotsim.gameday.plan;

import dev.spotsim.gameday.ec2.Ec2Instance;
import dev.spotsim.gameday.ec2.TagSelector;
import dev.spotsim.gameday.ssm.LoadCommand;
import dev.spotsim.scenarios.model.Slo;
import java.time.Duration;
import java.util.List;

/**
 * Everything a game day will do, decided before anything is touched: the group and its running
 * instances, the Spot Instances each step interrupts (with the FIS template that does it), the load
 * generators and the SSM command they get, the guards, the caps it was checked against, the time it
 * may take at most, and notes on what AWS cannot show. A dry run prints it; an execution follows it.
 */
public record GamedayPlan(String runId, String scenario, String region, TagSelector group, List<Ec2Instance> groupInstances,
                          int spotCandidates, int maxInstances, double maxPercent, List<PlannedStep> steps,
                          TagSelector generatorSelector, List<Ec2Instance> loadGenerators, LoadCommand loadCommand,
                          List<Slo> stopConditions, List<String> stopAlarms, Duration pollInterval, Duration recoveryTimeout,
                          Duration loadDuration, Duration deadline, List<String> notes) {
    public GamedayPlan {
        groupInstances = List.copyOf(groupInstances);
        steps = List.copyOf(steps);
        loadGenerators = List.copyOf(loadGenerators);
        stopConditions = List.copyOf(stopConditions);
        stopAlarms = List.copyOf(stopAlarms);
        notes = List.copyOf(notes);
    }

    /** Every instance any step interrupts. */
    public List<String> interruptedIds() {
        return steps.stream().flatMap(s -> s.instanceIds().stream()).toList();
    }

    /** The interrupted share of the group's running instances, in percent. */
    public double interruptedPercent() {
        return groupInstances.isEmpty() ? 0 : interruptedIds().size() * 100.0 / groupInstances.size();
    }

    public boolean drivesLoad() {
        return loadCommand != null && !loadGenerators.isEmpty();
    }
}
