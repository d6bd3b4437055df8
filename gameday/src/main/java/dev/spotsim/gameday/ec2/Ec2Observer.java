package dev.spotsim.gameday.ec2;

import dev.spotsim.reports.record.TimelineEntry;
import dev.spotsim.reports.record.TimelineKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Watches the group by polling EC2: each {@link #poll} compares what DescribeInstances lists now with
 * the previous poll and reports launches (replacements, once a baseline exists), state changes
 * ({@code running -> shutting-down -> terminated}, {@code stopping -> stopped}) and instances that
 * are no longer listed. It also counts running instances: the group's healthy capacity as EC2 sees it.
 * Instance states: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-lifecycle.html
 */
public final class Ec2Observer {
    private final Ec2Targets ec2;
    private final TagSelector group;
    private Map<String, Ec2Instance> last;
    private int running;

    public Ec2Observer(Ec2Targets ec2, TagSelector group) {
        this.ec2 = ec2;
        this.group = group;
    }

    /** Polls EC2 once; the first poll is the baseline and reports nothing. */
    public List<TimelineEntry> poll(Instant now) {
        Map<String, Ec2Instance> current = new HashMap<>();
        for (Ec2Instance i : ec2.anyState(group)) {
            current.put(i.instanceId(), i);
        }
        running = (int) current.values().stream().filter(Ec2Instance::isRunning).count();
        List<TimelineEntry> changes = new ArrayList<>();
        if (last != null) {
            for (Ec2Instance seen : sorted(current)) {
                Ec2Instance before = last.get(seen.instanceId());
                if (before == null) {
                    changes.add(new TimelineEntry(now, TimelineKind.LAUNCH, seen.instanceId(), seen.pool() + " " + lifecycle(seen) + ", " + seen.state()));
                } else if (!same(before.state(), seen.state())) {
                    changes.add(new TimelineEntry(now, TimelineKind.STATE, seen.instanceId(), before.state() + " -> " + seen.state()));
                }
            }
            for (Ec2Instance gone : sorted(last)) {
                if (!current.containsKey(gone.instanceId())) {
                    changes.add(new TimelineEntry(now, TimelineKind.GONE, gone.instanceId(), "no longer listed (was " + gone.state() + ")"));
                }
            }
        }
        last = current;
        return changes;
    }

    /** Running instances at the last poll. */
    public int running() {
        return running;
    }

    /** The state of {@code instanceId} at the last poll, or null when EC2 no longer lists it. */
    public String stateOf(String instanceId) {
        Ec2Instance i = last == null ? null : last.get(instanceId);
        return i == null ? null : i.state();
    }

    /** Ids running at the last poll. */
    public Set<String> runningIds() {
        return last == null ? Set.of() : Set.copyOf(last.values().stream().filter(Ec2Instance::isRunning).map(Ec2Instance::instanceId).toList());
    }

    private static List<Ec2Instance> sorted(Map<String, Ec2Instance> byId) {
        return byId.values().stream().sorted(java.util.Comparator.comparing(Ec2Instance::instanceId)).toList();
    }

    private static String lifecycle(Ec2Instance i) {
        return i.isSpot() ? "spot" : "on-demand";
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
