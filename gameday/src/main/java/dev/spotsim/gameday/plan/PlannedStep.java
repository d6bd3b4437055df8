package dev.spotsim.gameday.plan;

import dev.spotsim.gameday.ec2.Ec2Instance;
import dev.spotsim.gameday.fis.FisTemplate;
import java.time.Duration;
import java.util.List;

/**
 * One interruption of the scenario as FIS will play it: the experiment starts {@code start} after the
 * load (EC2 sends the rebalance recommendation then), the interruption notice follows
 * {@code durationBeforeInterruption} minus 2 minutes later and the interruption 2 minutes after that.
 */
public record PlannedStep(int number, Duration start, Duration durationBeforeInterruption, String action,
                          List<Ec2Instance> instances, FisTemplate template) {
    /** EC2's interruption notice always comes 2 minutes before the interruption. https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-instance-termination-notices.html */
    public static final Duration NOTICE = Duration.ofMinutes(2);

    public PlannedStep {
        instances = List.copyOf(instances);
    }

    /** When the interruption notice is due, after the load starts. */
    public Duration noticeAt() {
        return start.plus(durationBeforeInterruption).minus(NOTICE);
    }

    /** When the instances are interrupted, after the load starts. */
    public Duration interruptionAt() {
        return start.plus(durationBeforeInterruption);
    }

    public List<String> instanceIds() {
        return instances.stream().map(Ec2Instance::instanceId).toList();
    }
}
