package dev.spotsim.simulator.aws.fis;

import dev.spotsim.simulator.aws.InstanceTags;
import dev.spotsim.simulator.aws.fis.FisShapes.Target;
import dev.spotsim.simulator.fleet.Fleet;
import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InstanceView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;

/**
 * Resolves a template target to instances when an experiment starts: by ARNs or tags, then filters,
 * then the selection mode (ALL, COUNT(n) random instances, PERCENT(n) of them rounded up). Terminated
 * and shutting-down instances are never targets; {@code aws:ec2:spot-instance} takes Spot Instances only.
 * https://docs.aws.amazon.com/fis/latest/userguide/targets.html
 */
final class TargetResolver {
    private final Fleet fleet;

    TargetResolver(Fleet fleet) {
        this.fleet = fleet;
    }

    List<InstanceView> resolve(Target t, Random random) {
        List<InstanceView> candidates = new ArrayList<>();
        for (InstanceView v : fleet.instances()) {
            if (v.state() == InstanceState.TERMINATED || v.state() == InstanceState.SHUTTING_DOWN) {
                continue;
            }
            if (t.resourceType().equals("aws:ec2:spot-instance") && !v.identity().isSpot()) {
                continue;
            }
            if (byArnOrTags(t, v) && InstanceFilters.matches(v, t.filters())) {
                candidates.add(v);
            }
        }
        return select(candidates, t.selectionMode(), random);
    }

    private static boolean byArnOrTags(Target t, InstanceView v) {
        if (t.resourceArns() != null && !t.resourceArns().isEmpty()) {
            return t.resourceArns().contains(InstanceTags.arn(v));
        }
        Map<String, String> tags = InstanceTags.of(v);
        return t.resourceTags().entrySet().stream().allMatch(e -> e.getValue().equals(tags.get(e.getKey())));
    }

    private static List<InstanceView> select(List<InstanceView> candidates, String mode, Random random) {
        Matcher m = TemplateChecks.SELECTION.matcher(mode);
        m.matches();
        if (m.group(1) == null && m.group(2) == null) {
            return candidates;
        }
        int n = m.group(1) != null ? Integer.parseInt(m.group(1))
                : (int) Math.ceil(candidates.size() * Integer.parseInt(m.group(2)) / 100.0);
        List<InstanceView> shuffled = new ArrayList<>(candidates);
        Collections.shuffle(shuffled, random);
        List<InstanceView> picked = new ArrayList<>(shuffled.subList(0, Math.min(n, shuffled.size())));
        picked.sort((a, b) -> Integer.compare(candidates.indexOf(a), candidates.indexOf(b)));
        return picked;
    }
}
