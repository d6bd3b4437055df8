package dev.spotsim.simulator.events;

import static dev.spotsim.simulator.events.GoldenEventsTest.ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.simulator.events.pattern.EventPattern;
import dev.spotsim.simulator.instance.MaintenanceEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The factories' choices beyond the golden shapes: variants, codes, and refusals of values AWS never sends. */
class EventFactoriesTest {
    private static final Instant T = Instant.parse("2026-01-01T12:00:00.5Z");
    private static final EcsEvents.Task EC2_TASK = new EcsEvents.Task("prod", "t1", "service:web", "EC2", null, "app", "ci-1", T, 3);

    @ParameterizedTest
    @CsvSource({"pending", "running", "shutting-down", "terminated", "stopping", "stopped"})
    void everyEc2StateHasAStateChangeNotification(String state) {
        assertThat(Ec2Events.stateChange(ID, state, T).detail().get("state").asText()).isEqualTo(state);
    }

    @Test
    void aSimulatorOnlyStateIsNotAnEc2State() {
        assertThatThrownBy(() -> Ec2Events.stateChange(ID, "interruption-noticed", T))
                .hasMessage("state: expected one of pending, running, shutting-down, terminated, stopping, stopped, got \"interruption-noticed\"");
    }

    @ParameterizedTest
    @CsvSource({
        "instance-retirement, AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED",
        "instance-stop, AWS_EC2_INSTANCE_STOP_SCHEDULED",
        "instance-reboot, AWS_EC2_INSTANCE_REBOOT_MAINTENANCE_SCHEDULED",
        "system-reboot, AWS_EC2_SYSTEM_REBOOT_MAINTENANCE_SCHEDULED",
        "system-maintenance, AWS_EC2_SYSTEM_MAINTENANCE_SCHEDULED"})
    void healthNamesEachMaintenanceCodeAsAwsDoes(String code, String eventTypeCode) {
        MaintenanceEvent m = new MaintenanceEvent("instance-event-1", code, "x", T, T.plusSeconds(7200), null, MaintenanceEvent.State.ACTIVE);
        Event e = HealthEvents.scheduledChange(ID, m, T);
        assertThat(e.detail().get("eventTypeCode").asText()).isEqualTo(eventTypeCode);
        assertThat(e.detail().get("eventArn").asText()).isEqualTo("arn:aws:health:us-east-2::event/EC2/" + eventTypeCode + "/" + eventTypeCode + "_instance-event-1");
        assertThat(e.detail().get("endTime").asText()).isEqualTo("Thu, 01 Jan 2026 14:00:00 GMT");
    }

    @Test
    void anUnknownMaintenanceCodeIsRefused() {
        assertThatThrownBy(() -> HealthEvents.eventTypeCode("reboot")).hasMessageStartingWith("code: expected one of instance-reboot");
    }

    @Test
    void theFargateSpotStopCodeCanFollowTheOtherDocumentedSample() {
        Event e = EcsEvents.fargateSpotInterruption(ID, EC2_TASK, "TerminationNotice", T);
        assertThat(e.detail().get("stopCode").asText()).isEqualTo("TerminationNotice");
        assertThat(e.detail().get("stoppedReason").asText()).isEqualTo("Your Spot Task was interrupted.");
    }

    @Test
    void anEc2LaunchTypeTaskNamesItsContainerInstanceAndARunningTaskHasNoStopCode() {
        Event e = EcsEvents.taskStateChange(ID, EC2_TASK, "RUNNING", "RUNNING", null, null, T);
        assertThat(e.detail().get("containerInstanceArn").asText()).isEqualTo("arn:aws:ecs:us-east-2:123456789012:container-instance/prod/ci-1");
        assertThat(e.detail().has("stopCode")).isFalse();
        assertThat(e.detail().has("capacityProviderName")).isFalse();
        assertThat(e.detail().get("createdAt").asText()).isEqualTo("2026-01-01T12:00:00.500Z");
    }

    @Test
    void containerInstancesAreActiveOrDraining() {
        assertThat(EcsEvents.containerInstanceStateChange(ID, "prod", "ci-1", "ACTIVE", 0, 1, T).detail().get("status").asText()).isEqualTo("ACTIVE");
        assertThatThrownBy(() -> EcsEvents.containerInstanceStateChange(ID, "prod", "ci-1", "INACTIVE", 0, 1, T))
                .hasMessage("status: expected ACTIVE or DRAINING, got \"INACTIVE\"");
    }

    @Test
    void aBatchAttemptWhoseHostWentAwayMatchesTheRetryConditionAwsRecommends() {
        BatchEvents.Attempt lost = new BatchEvents.Attempt(ID.instanceId(), T.minusSeconds(60), T, null, BatchEvents.hostTerminated(ID.instanceId()));
        Event e = BatchEvents.jobStateChange(ID, BatchShape.job(T.minusSeconds(90)), "RUNNABLE", lost.statusReason(), List.of(lost), T);
        assertThat(e.detail().at("/attempts/0/statusReason").asText()).isEqualTo("Host EC2 (instance " + ID.instanceId() + ") terminated.");
        assertThat(e.detail().at("/attempts/0/container").has("exitCode")).as("no exit code: the container never exited").isFalse();
        assertThat(e.detail().has("stoppedAt")).as("the job has not stopped").isFalse();
        // https://docs.aws.amazon.com/batch/latest/userguide/job_retries.html: retry on "Host EC2*"
        EventPattern retryable = EventPattern.parse("{\"detail\": {\"attempts\": {\"statusReason\": [{\"wildcard\": \"Host EC2*\"}]}}}");
        assertThat(retryable.matches(e.toJson())).isTrue();
    }

    @Test
    void theSpotWarningIsSentAtTheNoticeToTheSecond() {
        Event e = Ec2Events.spotInterruptionWarning(ID, dev.spotsim.simulator.instance.InterruptionAction.STOP, T);
        assertThat(e.toJson().get("time").asText()).isEqualTo("2026-01-01T12:00:00Z");
        assertThat(e.detail().get("instance-action").asText()).isEqualTo("stop");
    }
}
