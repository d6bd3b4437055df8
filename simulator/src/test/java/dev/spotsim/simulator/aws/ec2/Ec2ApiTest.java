package dev.spotsim.simulator.aws.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.aws.AwsClients;
import dev.spotsim.simulator.clock.ManualClock;
import dev.spotsim.simulator.fleet.AllocationStrategy;
import dev.spotsim.simulator.fleet.FleetSettings;
import dev.spotsim.simulator.fleet.GroupSpec;
import dev.spotsim.simulator.fleet.InterruptRequest;
import dev.spotsim.simulator.fleet.MaintenanceRequest;
import dev.spotsim.simulator.fleet.SpotPool;
import dev.spotsim.simulator.instance.InstanceIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.SpotInstanceRequest;
import software.amazon.awssdk.services.ec2.model.Tag;

/** The AWS SDK's EC2 client against a simulator: reads, filters, pages, state changes, tags and errors. */
class Ec2ApiTest {
    private static final Instant START = Instant.parse("2026-01-01T12:00:00Z");
    private final ManualClock clock = new ManualClock(START);
    private final InstanceIdentity onDemand = InstanceIdentity.generated(100, "m5.large", "us-east-1b", "on-demand").withAutoScalingGroup(null);
    private SpotSim sim;
    private Ec2Client ec2;

    @BeforeEach
    void start() {
        sim = SpotSim.builder().clock(clock).settings(new FleetSettings(Duration.ofSeconds(5), Duration.ZERO))
                .instance(onDemand)
                .group(new GroupSpec("web", 6, AllocationStrategy.DIVERSIFIED, Duration.ZERO, false,
                        List.of(new SpotPool("c5.large", "us-east-1a", 0.035, SpotPool.UNLIMITED),
                                new SpotPool("m5.large", "us-east-1b", 0.04, SpotPool.UNLIMITED))))
                .start();
        ec2 = AwsClients.ec2(sim);
    }

    @AfterEach
    void stop() {
        ec2.close();
        sim.close();
    }

    private List<Instance> instances(Consumer<DescribeInstancesRequest.Builder> request) {
        return ec2.describeInstances(request).reservations().stream().flatMap(r -> r.instances().stream()).toList();
    }

    private Instance instance(String id) {
        return instances(r -> r.instanceIds(id)).get(0);
    }

    private static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    private String groupMember(int i) {
        return sim.fleet().group("web").members().get(i);
    }

    @Test
    void describeInstancesShowsEachInstanceInItsOwnReservationWithEc2sStateCodesAndSpotFields() {
        DescribeInstancesResponse all = ec2.describeInstances();
        assertThat(all.reservations()).hasSize(7).allSatisfy(r -> assertThat(r.instances()).hasSize(1));
        Reservation first = all.reservations().get(0);
        assertThat(first.reservationId()).isEqualTo("r-" + onDemand.instanceId().substring(2));
        assertThat(first.ownerId()).isEqualTo("123456789012");

        Instance od = instance(onDemand.instanceId());
        assertThat(od.state().code()).isEqualTo(16);
        assertThat(od.state().nameAsString()).isEqualTo("running");
        assertThat(od.instanceLifecycleAsString()).isNull();
        assertThat(od.instanceTypeAsString()).isEqualTo("m5.large");
        assertThat(od.placement().availabilityZone()).isEqualTo("us-east-1b");
        assertThat(od.privateIpAddress()).isEqualTo(onDemand.privateIpv4());
        assertThat(od.publicIpAddress()).isEqualTo(onDemand.publicIpv4());
        assertThat(od.launchTime()).isEqualTo(START);
        assertThat(od.tags()).containsExactly(Tag.builder().key("Name").value("spotsim-100").build());
        assertThat(od.metadataOptions().httpTokensAsString()).isEqualTo("optional");

        Instance spot = instance(groupMember(0));
        assertThat(spot.instanceLifecycleAsString()).isEqualTo("spot");
        assertThat(spot.spotInstanceRequestId()).matches("sir-[a-z0-9]{8}");
        assertThat(spot.tags()).contains(Tag.builder().key("aws:autoscaling:groupName").value("web").build());
    }

    @Test
    void filtersCombineWithAndTheirValuesWithOrAndAcceptWildcards() {
        assertThat(instances(r -> r.filters(filter("instance-lifecycle", "spot")))).hasSize(6);
        assertThat(instances(r -> r.filters(filter("instance-type", "m5.large"), filter("availability-zone", "us-east-1b")))).hasSize(4);
        assertThat(instances(r -> r.filters(filter("instance-type", "m5.large"), filter("instance-lifecycle", "spot")))).hasSize(3);
        assertThat(instances(r -> r.filters(filter("tag:aws:autoscaling:groupName", "web")))).hasSize(6);
        assertThat(instances(r -> r.filters(filter("tag:Name", "spotsim-1*")))).extracting(Instance::instanceId).contains(onDemand.instanceId());
        assertThat(instances(r -> r.filters(filter("tag-key", "aws:autoscaling:groupName")))).hasSize(6);
        assertThat(instances(r -> r.filters(filter("instance-id", onDemand.instanceId(), groupMember(1))))).hasSize(2);
        assertThat(instances(r -> r.filters(filter("instance-state-name", "stopped", "terminated")))).isEmpty();
        assertThat(instances(r -> r.filters(filter("instance-state-code", "16")))).hasSize(7);
    }

    @Test
    void anUnknownFilterIsRefusedAsInvalidParameterValue() {
        assertThatThrownBy(() -> instances(r -> r.filters(filter("colour", "blue"))))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("colour");
                });
    }

    @Test
    void describeInstancesPagesWithMaxResultsAndNextToken() {
        DescribeInstancesResponse page1 = ec2.describeInstances(r -> r.maxResults(5));
        assertThat(page1.reservations()).hasSize(5);
        assertThat(page1.nextToken()).isNotNull();
        DescribeInstancesResponse page2 = ec2.describeInstances(r -> r.maxResults(5).nextToken(page1.nextToken()));
        assertThat(page2.reservations()).hasSize(2);
        assertThat(page2.nextToken()).isNull();
        assertThat(ec2.describeInstancesPaginator(r -> r.maxResults(5)).reservations()).hasSize(7);

        assertThatThrownBy(() -> ec2.describeInstances(r -> r.maxResults(5).instanceIds(onDemand.instanceId())))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterCombination"));
        assertThatThrownBy(() -> ec2.describeInstances(r -> r.maxResults(4)))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> ec2.describeInstances(r -> r.maxResults(5).nextToken("bogus")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void unknownAndMalformedInstanceIdsAnswerEc2sErrorCodes() {
        assertThatThrownBy(() -> ec2.describeInstances(r -> r.instanceIds("i-0123456789abcdef0")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The instance ID 'i-0123456789abcdef0' does not exist");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.requestId()).isNotBlank();
                });
        assertThatThrownBy(() -> ec2.terminateInstances(r -> r.instanceIds("web-1")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.Malformed"));
    }

    @Test
    void theRegionComesFromTheCredentialScope() {
        try (Ec2Client ireland = AwsClients.ec2(sim, Region.EU_WEST_1)) {
            assertThat(ireland.describeInstances().reservations()).isEmpty();
            assertThat(ireland.describeAvailabilityZones().availabilityZones()).extracting(z -> z.zoneName())
                    .containsExactly("eu-west-1a", "eu-west-1b", "eu-west-1c");
        }
    }

    @Test
    void terminateAnswersPreviousAndCurrentStatesAndTheGroupReplacesTheInstance() {
        String id = groupMember(0);
        InstanceStateChange change = ec2.terminateInstances(r -> r.instanceIds(id)).terminatingInstances().get(0);
        assertThat(change.instanceId()).isEqualTo(id);
        assertThat(change.previousState().code()).isEqualTo(16);
        assertThat(change.currentState().code()).isEqualTo(32);
        assertThat(change.currentState().nameAsString()).isEqualTo("shutting-down");
        assertThat(sim.fleet().group("web").members()).hasSize(6).doesNotContain(id);

        clock.advance(Duration.ofSeconds(5));
        Instance gone = instance(id);
        assertThat(gone.state().code()).isEqualTo(48);
        assertThat(gone.stateReason().code()).isEqualTo("Client.UserInitiatedShutdown");
        assertThat(gone.stateTransitionReason()).matches("User initiated \\(2026-01-01 12:00:0[05] GMT\\)");
        InstanceStateChange again = ec2.terminateInstances(r -> r.instanceIds(id)).terminatingInstances().get(0);
        assertThat(again.previousState().code()).isEqualTo(48);
        assertThat(again.currentState().code()).isEqualTo(48);

        clock.advance(Duration.ofMinutes(61));
        assertThat(instances(r -> { })).extracting(Instance::instanceId).doesNotContain(id).hasSize(7);
        assertThatThrownBy(() -> instance(id)).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound"));
    }

    @Test
    void stopAndStartMoveAnOnDemandInstanceThroughStoppingStoppedPendingRunning() {
        String id = onDemand.instanceId();
        assertThat(ec2.stopInstances(r -> r.instanceIds(id)).stoppingInstances().get(0).currentState().code()).isEqualTo(64);
        clock.advance(Duration.ofSeconds(5));
        assertThat(instance(id).state().code()).isEqualTo(80);
        InstanceStateChange started = ec2.startInstances(r -> r.instanceIds(id)).startingInstances().get(0);
        assertThat(started.previousState().code()).isEqualTo(80);
        assertThat(started.currentState().code()).isIn(0, 16);
        assertThat(instance(id).state().code()).isEqualTo(16);
    }

    @Test
    void aSpotInstanceFromAOneTimeRequestCannotBeStopped() {
        assertThatThrownBy(() -> ec2.stopInstances(r -> r.instanceIds(groupMember(0))))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnsupportedOperation"));
    }

    @Test
    void spotRequestsFollowTheInterruptionFromFulfilledToMarkedForTerminationToClosed() {
        String id = groupMember(0);
        String sir = instance(id).spotInstanceRequestId();
        SpotInstanceRequest before = ec2.describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(sir)).spotInstanceRequests().get(0);
        assertThat(before.stateAsString()).isEqualTo("active");
        assertThat(before.status().code()).isEqualTo("fulfilled");
        assertThat(before.instanceId()).isEqualTo(id);
        assertThat(before.typeAsString()).isEqualTo("one-time");

        sim.interrupt(id, new InterruptRequest(null, Duration.ofMinutes(2), null, null));
        SpotInstanceRequest noticed = ec2.describeSpotInstanceRequests(r -> r.filters(filter("instance-id", id))).spotInstanceRequests().get(0);
        assertThat(noticed.status().code()).isEqualTo("marked-for-termination");
        assertThat(instance(id).state().nameAsString()).isEqualTo("running");

        clock.advance(Duration.ofMinutes(2).plusSeconds(5));
        SpotInstanceRequest closed = ec2.describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(sir)).spotInstanceRequests().get(0);
        assertThat(closed.stateAsString()).isEqualTo("closed");
        assertThat(closed.status().code()).isEqualTo("instance-terminated-no-capacity");
        assertThat(instance(id).stateReason().code()).isEqualTo("Server.SpotInstanceTermination");
        assertThat(ec2.describeSpotInstanceRequests(r -> r.filters(filter("state", "active"))).spotInstanceRequests()).hasSize(6);

        assertThatThrownBy(() -> ec2.describeSpotInstanceRequests(r -> r.spotInstanceRequestIds("sir-00000000")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSpotInstanceRequestID.NotFound"));
    }

    @Test
    void instanceStatusListsRunningInstancesUnlessAllAreAskedForAndShowsScheduledEvents() {
        sim.fleet().scheduleMaintenance(onDemand.instanceId(), new MaintenanceRequest("instance-stop", null, null, null));
        ec2.stopInstances(r -> r.instanceIds(onDemand.instanceId()));
        assertThat(ec2.describeInstanceStatus().instanceStatuses()).hasSize(6)
                .allSatisfy(s -> assertThat(s.instanceStatus().statusAsString()).isEqualTo("ok"));
        List<InstanceStatus> all = ec2.describeInstanceStatus(r -> r.includeAllInstances(true)).instanceStatuses();
        assertThat(all).hasSize(7);
        InstanceStatus stopping = all.stream().filter(s -> s.instanceId().equals(onDemand.instanceId())).findFirst().orElseThrow();
        assertThat(stopping.instanceState().code()).isEqualTo(64);
        assertThat(stopping.instanceStatus().statusAsString()).isEqualTo("not-applicable");
        assertThat(stopping.events()).extracting(e -> e.codeAsString()).containsExactly("instance-stop");
        assertThat(ec2.describeInstanceStatusPaginator(r -> r.maxResults(5)).instanceStatuses()).hasSize(6);
    }

    @Test
    void createTagsChangesTheInstanceAndDescribeTagsFindsIt() {
        String id = groupMember(2);
        ec2.createTags(r -> r.resources(id).tags(Tag.builder().key("team").value("payments").build()));
        assertThat(instances(r -> r.filters(filter("tag:team", "payments")))).extracting(Instance::instanceId).containsExactly(id);
        assertThat(sim.fleet().instance(id).identity().tags()).containsEntry("team", "payments");
        assertThat(ec2.describeTags(r -> r.filters(filter("key", "team"))).tags())
                .singleElement().satisfies(t -> {
                    assertThat(t.resourceId()).isEqualTo(id);
                    assertThat(t.resourceTypeAsString()).isEqualTo("instance");
                    assertThat(t.value()).isEqualTo("payments");
                });
        assertThat(ec2.describeTagsPaginator(r -> r.maxResults(5)).tags()).hasSize(7 + 6 + 1);

        ec2.deleteTags(r -> r.resources(id).tags(Tag.builder().key("team").build()));
        assertThat(sim.fleet().instance(id).identity().tags()).doesNotContainKey("team");
        assertThatThrownBy(() -> ec2.createTags(r -> r.resources(id).tags(Tag.builder().key("aws:owner").value("x").build())))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void regionsAndZonesAreListedWithTheZoneIdsImdsShows() {
        assertThat(ec2.describeRegions().regions()).extracting(r -> r.regionName()).contains("us-east-1", "eu-west-1");
        assertThat(ec2.describeRegions(r -> r.regionNames("us-east-1")).regions()).singleElement()
                .satisfies(r -> assertThat(r.endpoint()).isEqualTo("ec2.us-east-1.amazonaws.com"));
        assertThat(ec2.describeAvailabilityZones().availabilityZones()).extracting(z -> z.zoneName() + "=" + z.zoneId())
                .containsExactly("us-east-1a=use1-az1", "us-east-1b=use1-az2", "us-east-1c=use1-az3");
        assertThatThrownBy(() -> ec2.describeRegions(r -> r.regionNames("mars-north-1")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void dryRunAnswersDryRunOperationWithoutActing() {
        assertThatThrownBy(() -> ec2.terminateInstances(r -> r.instanceIds(onDemand.instanceId()).dryRun(true)))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation");
                    assertThat(e.statusCode()).isEqualTo(412);
                });
        assertThat(instance(onDemand.instanceId()).state().code()).isEqualTo(16);
    }
}
