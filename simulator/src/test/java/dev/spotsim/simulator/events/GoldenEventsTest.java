package dev.spotsim.simulator.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.joda.JodaModule;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.spotsim.simulator.instance.InstanceIdentity;
import dev.spotsim.simulator.instance.InterruptionAction;
import dev.spotsim.simulator.instance.MaintenanceEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every event type against the shapes in shared/events: names, nesting, JSON types and time formats, field by field. */
class GoldenEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2026-01-01T12:00:00Z");
    private static final InstanceIdentity ID = InstanceIdentity.generated(1, "c5.large", "us-east-1a", "spot");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Time formats by field name; anything not listed must only match in JSON type. */
    private static final Map<String, Pattern> TIMES = Map.of(
            "time", Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
            "EndTime", Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
            "StartTime", Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
            "createdAt", Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
            "updatedAt", Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
            "startTime", Pattern.compile("[A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT"),
            "endTime", Pattern.compile("[A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT"));

    record Golden(String file, Event ours) {
        @Override
        public String toString() {
            return file;
        }
    }

    static List<Golden> events() {
        EcsEvents.Task fargate = new EcsEvents.Task("default", "b99d40b3517464f719a529dbd6f1cebef", "service:web", "FARGATE", "FARGATE_SPOT",
                "app", null, T.minusSeconds(3600), 5);
        MaintenanceEvent retirement = new MaintenanceEvent("instance-event-0d59937288b749b32", "instance-retirement",
                "The instance is scheduled for retirement.", T.plusSeconds(86400), T.plusSeconds(93600), T.plusSeconds(604800),
                MaintenanceEvent.State.ACTIVE);
        return List.of(
                new Golden("ec2-spot-instance-interruption-warning.json", Ec2Events.spotInterruptionWarning(ID, InterruptionAction.TERMINATE, T)),
                new Golden("ec2-instance-rebalance-recommendation.json", Ec2Events.rebalanceRecommendation(ID, T)),
                new Golden("ec2-instance-state-change-notification.json", Ec2Events.stateChange(ID, "shutting-down", T)),
                new Golden("ec2-instance-terminate-lifecycle-action.json", AutoScalingEvents.lifecycleAction(ID, "web", false, T)),
                new Golden("ec2-instance-terminate-successful.json", AutoScalingEvents.activitySuccessful(ID, "web", false, "spot", T, T.plusSeconds(130))),
                new Golden("aws-health-event-scheduled-change.json", HealthEvents.scheduledChange(ID, retirement, T)),
                new Golden("ecs-container-instance-state-change-draining.json",
                        EcsEvents.containerInstanceStateChange(ID, "default", "b54a2a04046f43319d743f6d7f6ca315", "DRAINING", 1, 14802, T)),
                new Golden("ecs-task-state-change-fargate-spot.json", EcsEvents.taskStateChange(ID, fargate, "STOPPED", "RUNNING",
                        "SpotInterruption", "Your Spot Task was interrupted.", T)));
    }

    static Path sharedEvents() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/events");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("shared/events not found above " + here + ": the golden shapes live in ../shared/events");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void matchesTheAwsShapeFieldByField(Golden golden) throws Exception {
        JsonNode expected = JSON.readTree(sharedEvents().resolve(golden.file()).toFile());
        JsonNode actual = golden.ours().toJson();
        List<String> differences = new ArrayList<>();
        compare(expected, actual, "", differences);
        assertThat(differences).isEmpty();
        assertThat(actual.get("id").asText()).matches(UUID);
        assertThat(actual.get("detail-type").asText()).isEqualTo(expected.get("detail-type").asText());
        assertThat(actual.get("source").asText()).isEqualTo(expected.get("source").asText());
    }

    private static void compare(JsonNode expected, JsonNode actual, String path, List<String> out) {
        if (actual == null) {
            out.add(path + ": missing");
            return;
        }
        if (expected.getNodeType() != actual.getNodeType()) {
            out.add(path + ": expected " + expected.getNodeType() + ", got " + actual.getNodeType());
            return;
        }
        if (expected.isObject()) {
            for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                compare(expected.get(f), actual.get(f), path + "." + f, out);
            }
            for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!expected.has(f) && !path.equals(".detail") && !f.equals("containerInstanceArn")) {
                    out.add(path + "." + f + ": not in the AWS shape");
                }
            }
        } else if (expected.isArray() && !expected.isEmpty()) {
            if (actual.isEmpty()) {
                out.add(path + ": empty array");
            } else {
                compare(expected.get(0), actual.get(0), path + "[0]", out);
            }
        } else if (expected.isTextual()) {
            String name = path.substring(path.lastIndexOf('.') + 1);
            Pattern format = TIMES.get(name);
            if (format != null && !format.matcher(actual.asText()).matches()) {
                out.add(path + ": time \"" + actual.asText() + "\" is not in the format of \"" + expected.asText() + "\"");
            }
        }
    }

    /** The Lambda Java events library's POJO, read with Jackson: "detail-type" maps onto detailType. */
    abstract static class ScheduledEventNames {
        @JsonProperty("detail-type")
        abstract void setDetailType(String detailType);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void aRealConsumerParsesIt(Golden golden) throws Exception {
        ObjectMapper consumer = new ObjectMapper().registerModule(new JodaModule())
                .addMixIn(ScheduledEvent.class, ScheduledEventNames.class)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        ScheduledEvent parsed = consumer.readValue(golden.ours().toJsonLine(), ScheduledEvent.class);
        assertThat(parsed.getDetailType()).isEqualTo(golden.ours().detailType());
        assertThat(parsed.getSource()).isEqualTo(golden.ours().source());
        assertThat(parsed.getResources()).isEqualTo(golden.ours().resources());
        assertThat(parsed.getTime().getMillis()).isEqualTo(golden.ours().time().toEpochMilli());
        assertThat(parsed.getDetail()).isNotEmpty();
    }
}
