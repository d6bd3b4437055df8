package dev.spotsim.simulator.aws.autoscaling;

import dev.spotsim.simulator.fleet.AutoScalingGroup;
import dev.spotsim.simulator.fleet.Fleet;
import dev.spotsim.simulator.fleet.GroupListener;
import dev.spotsim.simulator.instance.InstanceListener;
import dev.spotsim.simulator.instance.InstanceState;
import dev.spotsim.simulator.instance.InstanceView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scaling activities of every group, as DescribeScalingActivities lists them: one per launch
 * and per termination, with AWS's description and cause sentences, done when the instance runs (and
 * no launching hook holds it) or is terminated.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-verify-scaling-activity.html
 */
final class ActivityLog implements GroupListener, InstanceListener {
    private final Fleet fleet;
    private final List<Activity> activities = new ArrayList<>();
    /** Activities still running, by instance id: an instance change looks at its own only (a burst of n changes is not n x all). */
    private final Map<String, List<Activity>> running = new HashMap<>();
    private final Set<String> followed = ConcurrentHashMap.newKeySet();

    /** One scaling activity; {@code end} null while it runs. */
    static final class Activity {
        final String activityId = UUID.randomUUID().toString();
        final String groupName;
        final InstanceView instance;
        final boolean launch;
        final String cause;
        final Instant start;
        volatile Instant end;

        Activity(String groupName, InstanceView instance, boolean launch, String cause, Instant start) {
            this.groupName = groupName;
            this.instance = instance;
            this.launch = launch;
            this.cause = cause;
            this.start = start;
        }

        String description() {
            return (launch ? "Launching a new EC2 instance: " : "Terminating EC2 instance: ") + instance.instanceId();
        }

        String details() {
            return "{\"Subnet ID\":\"" + instance.identity().subnetId() + "\",\"Availability Zone\":\"" + instance.identity().availabilityZone() + "\"}";
        }
    }

    ActivityLog(Fleet fleet) {
        this.fleet = fleet;
        fleet.addListener(this);
        follow();
    }

    /** Starts following groups created since; the instances a group already has count as its initial launch. */
    synchronized void follow() {
        for (AutoScalingGroup g : fleet.groups()) {
            if (followed.add(g.name())) {
                for (String id : g.members()) {
                    InstanceView v = fleet.instance(id);
                    Activity a = new Activity(g.name(), v, true, cause(v.launchTime(), true, "an initial launch"), v.launchTime());
                    if (v.state() != InstanceState.PENDING) {
                        a.end = v.stateChangedAt();
                    }
                    add(a);
                }
                g.addListener(this);
            }
        }
    }

    private static String cause(Instant at, boolean launch, String why) {
        if (why.startsWith("capacity-rebalance:")) {
            // The group's internal tag for a Capacity Rebalancing launch names the at-risk instance.
            why = "an EC2 instance rebalance recommendation for " + why.substring("capacity-rebalance:".length());
        }
        return "At " + at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " "
                + (launch ? "an instance was started in response to " : "an instance was taken out of service in response to ") + why + ".";
    }

    @Override
    public synchronized void launching(String groupName, InstanceView instance, String cause) {
        Instant now = fleet.clock().now();
        add(new Activity(groupName, instance, true, cause(now, true, cause), now));
    }

    @Override
    public synchronized void terminating(String groupName, InstanceView instance, String cause) {
        Instant now = fleet.clock().now();
        add(new Activity(groupName, instance, false, cause(now, false, cause), now));
    }

    private void add(Activity a) {
        activities.add(a);
        if (a.end == null) {
            running.computeIfAbsent(a.instance.instanceId(), k -> new ArrayList<>(2)).add(a);
        }
    }

    @Override
    public synchronized void changed(InstanceView before, InstanceView after) {
        List<Activity> mine = running.get(after.instanceId());
        if (mine == null) {
            return;
        }
        for (Activity a : mine) {
            if (a.end == null) {
                boolean done = a.launch ? after.state() == InstanceState.RUNNING && !heldByLaunchHook(a) : after.state() == InstanceState.TERMINATED;
                if (done) {
                    a.end = fleet.clock().now();
                }
            }
        }
        // Ended here or by list() (a launch hook let the instance go): no longer running.
        mine.removeIf(a -> a.end != null);
        if (mine.isEmpty()) {
            running.remove(after.instanceId());
        }
    }

    private boolean heldByLaunchHook(Activity a) {
        return "Pending:Wait".equals(fleet.group(a.groupName).lifecycleHooks().waitState(a.instance.instanceId()));
    }

    /** Newest first, as AWS lists them; a launch whose hook has since released the instance is done from now. */
    synchronized List<Activity> list(String groupName) {
        List<Activity> out = new ArrayList<>();
        for (int i = activities.size() - 1; i >= 0; i--) {
            Activity a = activities.get(i);
            if (groupName == null || a.groupName.equals(groupName)) {
                if (a.launch && a.end == null && fleet.instance(a.instance.instanceId()).state().isUp() && !heldByLaunchHook(a)) {
                    a.end = fleet.clock().now();
                }
                out.add(a);
            }
        }
        return out;
    }

    /** Successful, MidLifecycleAction while a hook holds the instance, else InProgress. */
    String statusCode(Activity a) {
        if (a.end != null) {
            return "Successful";
        }
        String wait = fleet.group(a.groupName).lifecycleHooks().waitState(a.instance.instanceId());
        return wait != null ? "MidLifecycleAction" : "InProgress";
    }

    /** The activity just started for {@code instanceId} (TerminateInstanceInAutoScalingGroup answers it). */
    synchronized Activity latest(String instanceId, boolean launch) {
        for (int i = activities.size() - 1; i >= 0; i--) {
            Activity a = activities.get(i);
            if (a.launch == launch && a.instance.instanceId().equals(instanceId)) {
                return a;
            }
        }
        return null;
    }

}
