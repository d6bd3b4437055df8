package dev.spotsim.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.simulator.fleet.LifecycleHook;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateActionInput;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateStopConditionInput;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateTargetInput;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** {@code POST /spotsim/v1/reset} puts a shared simulator back to a clean state, one kind of state at a time. */
class GlobalResetTest {
    private final SimulatorFixture f = new SimulatorFixture();
    private final SpotSimClient client = f.client;

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void resetOnACleanSimulatorClearsNothing() {
        client.events(null);
        ResetResult first = client.reset();
        ResetResult second = client.reset();

        assertThat(second.instances()).isZero();
        assertThat(second.scheduledInterruptions()).isZero();
        assertThat(second.events()).isZero();
        assertThat(second.aws()).containsEntry("calls", 0).containsEntry("fis", 0).containsEntry("sqs", 0);
        assertThat(first.events()).as("the launch events of the fleet").isPositive();
    }

    @Test
    void standaloneInstancesComeBackRunningWithoutInterruptionsFaultsMaintenanceOrChangedOptions() {
        try (SimulatorFixture alone = SimulatorFixture.standalone(4)) {
            instancesComeBackClean(alone);
        }
    }

    private static void instancesComeBackClean(SimulatorFixture f) {
        SpotSimClient client = f.client;
        List<String> ids = client.instances().stream().map(Instance::instanceId).toList();
        client.interrupt(ids.get(0), InterruptRequest.awsDefault().withNotice(Duration.ofSeconds(30)));
        client.faults(ids.get(1), Faults.errors(500, 1.0));
        client.metadataOptions(ids.get(2), new MetadataOptions("required", "disabled", "enabled"));
        client.scheduleMaintenance(ids.get(3), MaintenanceRequest.of("instance-stop"));

        ResetResult cleared = client.reset();

        assertThat(cleared.instances()).isEqualTo(4);
        assertThat(client.instances()).extracting(Instance::instanceId).containsExactlyElementsOf(ids);
        assertThat(client.instances()).allSatisfy(i -> {
            assertThat(i.state()).isEqualTo("running");
            assertThat(i.interruption()).isNull();
            assertThat(i.maintenance()).isEmpty();
            assertThat(i.faults()).isEqualTo(new Faults(Duration.ZERO, 0, 0.0, 0.0));
            assertThat(i.metadataOptions()).isEqualTo(new MetadataOptions("optional", "enabled", "disabled"));
        });
        f.clock.advance(Duration.ofMinutes(5));
        assertThat(client.instance(ids.get(0)).state()).as("the withdrawn interruption never acts").isEqualTo("running");
    }

    @Test
    void aGroupKeepsItsReplacementsAndEndsTheInstancesItReplaced() {
        List<String> members = client.fleet().groups().get(0).members();
        client.interrupt(members.get(0), InterruptRequest.awsDefault());
        client.interrupt(members.get(1), InterruptRequest.awsDefault().withDelay(Duration.ofMinutes(1)));
        client.faults(members.get(2), Faults.delay(Duration.ofSeconds(1)));

        client.reset();
        f.clock.advance(Duration.ofSeconds(10));

        Fleet.Group web = client.fleet().groups().get(0);
        assertThat(web.members()).hasSize(4).doesNotContain(members.get(0)).contains(members.get(1), members.get(2));
        assertThat(web.members()).allSatisfy(id -> {
            Instance i = client.instance(id);
            assertThat(i.state()).isEqualTo("running");
            assertThat(i.interruption()).isNull();
            assertThat(i.faults().delay()).isZero();
        });
        assertThat(client.instance(members.get(0)).state()).as("noticed and replaced: ended now").isEqualTo("terminated");
    }

    @Test
    void schedulesPoolsCapacityAndLifecycleHooksAreUndone() {
        client.interruptions(InterruptionsRequest.now(Selection.count(1)).after(Duration.ofMinutes(10)));
        client.reclaimPool("c5.large/us-east-1a", ReclaimRequest.awsDefault());
        client.setDesiredCapacity("web", 2);
        f.sim.fleet().group("web").lifecycleHooks().put(new LifecycleHook("drain", LifecycleHook.Transition.TERMINATING,
                Duration.ofMinutes(5), LifecycleHook.Result.CONTINUE, null, null, null));

        ResetResult cleared = client.reset();

        assertThat(cleared.scheduledInterruptions()).isEqualTo(1);
        assertThat(cleared.reclaimedPools()).isEqualTo(1);
        assertThat(cleared.lifecycleHooks()).isEqualTo(1);
        assertThat(client.scheduledInterruptions()).isEmpty();
        assertThat(client.fleet().pools()).noneMatch(Fleet.Pool::reclaimed);
        assertThat(client.fleet().groups().get(0).desired()).isEqualTo(4);
        assertThat(f.sim.fleet().group("web").lifecycleHooks().hooks()).isEmpty();
    }

    @Test
    void eventsAndAwsCallsAndFaultsAreForgotten() {
        client.interrupt(f.firstId(), InterruptRequest.awsDefault());
        client.throttleAws("ec2", 5, List.of());
        try (SqsClient sqs = f.aws(SqsClient.builder())) {
            sqs.listQueues();
        }

        client.reset();

        assertThat(client.events(null)).isEmpty();
        assertThat(client.awsCalls(null)).isEmpty();
        assertThat(client.awsFaults()).isEmpty();
    }

    @Test
    void awsResourcesAreDeletedAndTheirNamesFreeAgain() {
        try (SqsClient sqs = f.aws(SqsClient.builder()); EventBridgeClient events = f.aws(EventBridgeClient.builder());
             SsmClient ssm = f.aws(SsmClient.builder()); FisClient fis = f.aws(FisClient.builder())) {
            sqs.createQueue(b -> b.queueName("drain-events"));
            events.putRule(b -> b.name("spot-warnings").eventPattern("{\"source\": [\"aws.ec2\"]}"));
            ssm.sendCommand(b -> b.documentName("AWS-RunShellScript").instanceIds(f.firstId())
                    .parameters(Map.of("commands", List.of("sleep 60"))));
            String template = fis.createExperimentTemplate(b -> b.description("spot").roleArn("arn:aws:iam::123456789012:role/fis")
                    .stopConditions(CreateExperimentTemplateStopConditionInput.builder().source("none").build())
                    .targets(Map.of("spot", CreateExperimentTemplateTargetInput.builder().resourceType("aws:ec2:spot-instance")
                            .resourceArns("arn:aws:ec2:us-east-1:123456789012:instance/" + f.firstId()).selectionMode("ALL").build()))
                    .actions(Map.of("interrupt", CreateExperimentTemplateActionInput.builder()
                            .actionId("aws:ec2:send-spot-instance-interruptions").parameters(Map.of("durationBeforeInterruption", "PT2M"))
                            .targets(Map.of("SpotInstances", "spot")).build()))).experimentTemplate().id();
            fis.startExperiment(b -> b.experimentTemplateId(template));

            ResetResult cleared = client.reset();

            assertThat(cleared.aws()).containsEntry("sqs", 1).containsEntry("events", 1).containsEntry("ssm", 1)
                    .as("the template and its experiment").containsEntry("fis", 2);
            assertThat(fis.listExperiments(b -> { }).experiments()).isEmpty();
            assertThat(sqs.listQueues().queueUrls()).isEmpty();
            assertThat(events.listRules(b -> { }).rules()).isEmpty();
            assertThat(ssm.listCommands(b -> { }).commands()).isEmpty();
            assertThat(fis.listExperimentTemplates(b -> { }).experimentTemplates()).isEmpty();
            assertThat(sqs.createQueue(b -> b.queueName("drain-events")).queueUrl()).as("no 60 s wait after a reset").endsWith("/drain-events");
        }
    }
}
