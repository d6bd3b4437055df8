package dev.spotsim.simulator.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.simulator.instance.InstanceIdentity;
import dev.spotsim.simulator.instance.InterruptionAction;
import dev.spotsim.simulator.instance.MaintenanceEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event type against its AWS shape, field by field: the files in shared/events, the launch
 * variants against their terminate twins (shared/events/README.md), and Batch against the sample in
 * AWS's Batch guide. Values AWS fixes (transitions, codes, reasons) must be AWS's own.
 */
class GoldenEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2026-01-01T12:00:00Z");
    static final InstanceIdentity ID = InstanceIdentity.generated(1, "c5.large", "us-east-2a", "spot");
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final List<String> ENVELOPE = List.of("version", "id", "detail-type", "source", "account", "time", "region",
            "resources", "detail");

    /** One of our events, the AWS shape it must have, and the values (by JSON pointer) AWS fixes. */
    record Golden(String shape, Event ours, Map<String, String> fixedValues) {
        @Override
        public String toString() {
            return ours.detailType() + " ~ " + shape;
        }

        JsonNode expected() throws IOException {
            return shape.endsWith(".json") ? JSON.readTree(sharedEvents().resolve(shape).toFile()) : JSON.readTree(BatchShape.SAMPLE);
        }
    }

    static List<Golden> events() {
        EcsEvents.Task fargate = new EcsEvents.Task("default", "b99d40b3517464f719a529dbd6f1cebef", "service:web", "FARGATE", "FARGATE_SPOT",
                "app", null, T.minusSeconds(3600), 5);
        MaintenanceEvent retirement = new MaintenanceEvent("instance-event-0d59937288b749b32", "instance-retirement",
                "The instance is scheduled for retirement.", T.plusSeconds(86400), T.plusSeconds(93600), T.plusSeconds(604800),
                MaintenanceEvent.State.ACTIVE);
        return List.of(
                new Golden("ec2-spot-instance-interruption-warning.json", Ec2Events.spotInterruptionWarning(ID, InterruptionAction.TERMINATE, T),
                        Map.of("/detail/instance-action", "terminate", "/resources/0", "arn:aws:ec2:us-east-2a:instance/" + ID.instanceId())),
                new Golden("ec2-instance-rebalance-recommendation.json", Ec2Events.rebalanceRecommendation(ID, T),
                        Map.of("/detail/instance-id", ID.instanceId())),
                new Golden("ec2-instance-state-change-notification.json", Ec2Events.stateChange(ID, "shutting-down", T),
                        Map.of("/detail/state", "shutting-down")),
                new Golden("ec2-instance-terminate-lifecycle-action.json", AutoScalingEvents.lifecycleAction(ID, "web", false, T),
                        Map.of("/detail/LifecycleTransition", "autoscaling:EC2_INSTANCE_TERMINATING")),
                new Golden("ec2-instance-terminate-lifecycle-action.json", AutoScalingEvents.lifecycleAction(ID, "web", true, T),
                        Map.of("/detail-type", "EC2 Instance-launch Lifecycle Action",
                                "/detail/LifecycleTransition", "autoscaling:EC2_INSTANCE_LAUNCHING")),
                new Golden("ec2-instance-terminate-successful.json", AutoScalingEvents.activitySuccessful(ID, "web", false, "spot", T, T.plusSeconds(130)),
                        Map.of("/detail/Description", "Terminating EC2 instance: " + ID.instanceId(), "/detail/StatusMessage", "")),
                new Golden("ec2-instance-terminate-successful.json", AutoScalingEvents.activitySuccessful(ID, "web", true, "spot", T, T.plusSeconds(10)),
                        Map.of("/detail-type", "EC2 Instance Launch Successful", "/detail/Description", "Launching a new EC2 instance: " + ID.instanceId())),
                new Golden("aws-health-event-scheduled-change.json", HealthEvents.scheduledChange(ID, retirement, T),
                        Map.of("/detail/eventTypeCode", "AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED", "/detail/eventTypeCategory", "scheduledChange",
                                "/detail/service", "EC2", "/detail/startTime", "Fri, 02 Jan 2026 12:00:00 GMT")),
                new Golden("ecs-container-instance-state-change-draining.json",
                        EcsEvents.containerInstanceStateChange(ID, "default", "b54a2a04046f43319d743f6d7f6ca315", "DRAINING", 1, 14802, T),
                        Map.of("/detail/status", "DRAINING", "/detail/ec2InstanceId", ID.instanceId())),
                new Golden("ecs-task-state-change-fargate-spot.json", EcsEvents.fargateSpotInterruption(ID, fargate, null, T),
                        Map.of("/detail/stopCode", "SpotInterruption", "/detail/stoppedReason", "Your Spot Task was interrupted.",
                                "/detail/desiredStatus", "STOPPED", "/detail/lastStatus", "RUNNING", "/detail/capacityProviderName", "FARGATE_SPOT")),
                new Golden("batch_job_events.html", BatchShape.failedJob(ID, T),
                        Map.of("/detail/status", "FAILED", "/detail/retryStrategy/evaluateOnExit/0/action", "RETRY")));
    }

    /**
     * The golden shapes: a copy of the workspace's shared/events kept in the repository, so a clone
     * anywhere (CI) has them; {@link #theCopyMatchesSharedEventsWhenTheWorkspaceHasThem} keeps it true.
     */
    static Path sharedEvents() {
        return Path.of("src", "test", "resources", "aws-events");
    }

    /** The workspace's shared/events above the repository, when there is one. */
    private static Path workspaceEvents() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/events"))) {
                return p.resolve("shared/events");
            }
        }
        return null;
    }

    @Test
    void theCopyMatchesSharedEventsWhenTheWorkspaceHasThem() throws IOException {
        Path workspace = workspaceEvents();
        Assumptions.assumeTrue(workspace != null, "no shared/events above this clone: the copy is the reference");
        try (Stream<Path> files = Files.list(workspace)) {
            for (Path f : files.toList()) {
                assertThat(sharedEvents().resolve(f.getFileName())).as(f.getFileName().toString()).hasSameTextualContentAs(f);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void hasTheAwsShapeFieldByField(Golden golden) throws Exception {
        JsonNode expected = golden.expected();
        JsonNode actual = JSON.readTree(golden.ours().toJsonLine());
        assertThat(JsonShape.differences(expected, actual)).isEmpty();
        assertThat(actual.fieldNames()).toIterable().containsExactlyElementsOf(ENVELOPE);
        assertThat(actual.get("version").asText()).isEqualTo("0");
        assertThat(actual.get("id").asText()).matches(UUID);
        assertThat(actual.get("account").asText()).isEqualTo(ID.accountId());
        assertThat(actual.get("region").asText()).isEqualTo(ID.region());
        assertThat(actual.get("source").asText()).isEqualTo(expected.get("source").asText());
        if (!golden.fixedValues().containsKey("/detail-type")) {
            assertThat(actual.get("detail-type").asText()).isEqualTo(expected.get("detail-type").asText());
        }
        golden.fixedValues().forEach((pointer, value) -> assertThat(actual.at(pointer).asText()).as(pointer).isEqualTo(value));
    }

    @Test
    void everyShapeInSharedEventsIsBuiltByAFactory() throws IOException {
        TreeSet<String> covered = events().stream().map(Golden::shape).collect(Collectors.toCollection(TreeSet::new));
        try (Stream<Path> files = Files.list(sharedEvents())) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))).isNotEmpty().allMatch(covered::contains);
        }
    }

    @Test
    void eventsKeepTheirIdAndTimeThroughTheirJson() {
        Event e = Ec2Events.rebalanceRecommendation(ID, Instant.parse("2026-01-01T12:00:00.987654Z"));
        assertThat(e.toJson().get("time").asText()).isEqualTo("2026-01-01T12:00:00Z");
        assertThat(Event.fromJson(e.toJson())).isEqualTo(e);
    }
}
