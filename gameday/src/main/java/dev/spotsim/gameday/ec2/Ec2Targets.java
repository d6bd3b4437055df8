package dev.spotsim.gameday.ec2;

import dev.spotsim.gameday.Batches;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Finds instances with EC2 DescribeInstances (read-only), following every page. Spot targets are
 * filtered by the server ({@code instance-lifecycle=spot}, {@code instance-state-name=running}) and
 * checked again here, so an answer that lists anything else can never make it a target.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html
 */
public final class Ec2Targets {
    /** DescribeInstances pages hold 5..1000 instances. */
    static final int PAGE_SIZE = 1000;
    static final int IDS_PER_FILTER = 200;
    private static final Comparator<Ec2Instance> LAUNCH_ORDER = Comparator.comparing(Ec2Instance::launchTime,
            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Ec2Instance::instanceId);

    private final Ec2Client ec2;

    public Ec2Targets(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    /** Running Spot Instances of the group, in launch order (a stable order for seeded picks). */
    public List<Ec2Instance> runningSpot(TagSelector group) {
        List<Filter> filters = new ArrayList<>(group.filters());
        filters.add(TagSelector.filter("instance-lifecycle", "spot"));
        filters.add(TagSelector.filter("instance-state-name", "running"));
        return describe(filters).stream().filter(i -> i.isSpot() && i.isRunning() && matches(group, i)).toList();
    }

    /** Every running instance of the group, Spot or not: the group's size for the blast radius, or load generators. */
    public List<Ec2Instance> running(TagSelector group) {
        List<Filter> filters = new ArrayList<>(group.filters());
        filters.add(TagSelector.filter("instance-state-name", "running"));
        return describe(filters).stream().filter(i -> i.isRunning() && matches(group, i)).toList();
    }

    /** Every instance of the group in any state (EC2 keeps terminated ones listed for a while): what the observer watches. */
    public List<Ec2Instance> anyState(TagSelector group) {
        return describe(group.filters()).stream().filter(i -> matches(group, i)).toList();
    }

    /** Those of {@code ids} that are still running Spot Instances of the group: what may be interrupted now. */
    public List<Ec2Instance> stillTargetable(TagSelector group, Collection<String> ids) {
        List<Ec2Instance> still = new ArrayList<>();
        // A few hundred values per filter is what EC2 takes comfortably; a step names few instances anyway.
        for (List<String> batch : Batches.of(List.copyOf(ids), IDS_PER_FILTER)) {
            List<Filter> filters = new ArrayList<>(group.filters());
            filters.add(TagSelector.filter("instance-id", batch.toArray(String[]::new)));
            filters.add(TagSelector.filter("instance-lifecycle", "spot"));
            filters.add(TagSelector.filter("instance-state-name", "running"));
            describe(filters).stream().filter(i -> batch.contains(i.instanceId()) && i.isSpot() && i.isRunning() && matches(group, i))
                    .forEach(still::add);
        }
        return still;
    }

    private List<Ec2Instance> describe(List<Filter> filters) {
        DescribeInstancesRequest request = DescribeInstancesRequest.builder().filters(filters).maxResults(PAGE_SIZE).build();
        Map<String, Ec2Instance> byId = new HashMap<>();
        for (DescribeInstancesResponse page : ec2.describeInstancesPaginator(request)) {
            for (Reservation r : page.reservations()) {
                for (Instance i : r.instances()) {
                    byId.put(i.instanceId(), toInstance(r.ownerId(), i));
                }
            }
        }
        return byId.values().stream().sorted(LAUNCH_ORDER).toList();
    }

    private static Ec2Instance toInstance(String ownerId, Instance i) {
        Map<String, String> tags = new HashMap<>();
        for (Tag t : i.tags()) {
            tags.put(t.key(), t.value() == null ? "" : t.value());
        }
        return new Ec2Instance(i.instanceId(), i.instanceTypeAsString(), i.placement() == null ? null : i.placement().availabilityZone(),
                i.state() == null ? null : i.state().nameAsString(), i.instanceLifecycleAsString(), i.launchTime(), ownerId, tags);
    }

    /** The server filtered by these tags already; checking them again keeps a wrong answer from widening the set. */
    private static boolean matches(TagSelector group, Ec2Instance i) {
        boolean tagsMatch = group.tags().entrySet().stream().allMatch(t -> t.getValue().equals(i.tags().get(t.getKey())));
        return tagsMatch && (group.autoScalingGroup() == null || group.autoScalingGroup().equals(i.tags().get(TagSelector.GROUP_TAG)));
    }
}
