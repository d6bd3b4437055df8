package dev.spotsim.simulator.aws.fis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.simulator.SpotSim;
import dev.spotsim.simulator.aws.LocalAws;
import dev.spotsim.simulator.clock.ManualClock;
import dev.spotsim.simulator.instance.InstanceIdentity;
import dev.spotsim.simulator.instance.InstanceState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateActionInput;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateRequest;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateStopConditionInput;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateTargetInput;
import software.amazon.awssdk.services.fis.model.Experiment;
import software.amazon.awssdk.services.fis.model.ExperimentActionStatus;
import software.amazon.awssdk.services.fis.model.ExperimentStatus;
import software.amazon.awssdk.services.fis.model.ExperimentTemplateTargetInputFilter;
import software.amazon.awssdk.services.fis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.fis.model.ValidationException;

/** Every FIS operation through the real SDK client: templates, experiments, selection, ordering, errors and paging. */
class FisApiTest {
    private ManualClock clock;
    private SpotSim sim;
    private FisClient fis;

    /** A generated Spot identity with tags. */
    static InstanceIdentity tagged(int index, String az, Map<String, String> tags) {
        InstanceIdentity g = InstanceIdentity.generated(index, "c5.large", az, "spot");
        return new InstanceIdentity(g.instanceId(), g.instanceType(), g.availabilityZone(), g.region(), g.lifecycle(), g.amiId(), g.accountId(),
                g.privateIpv4(), g.publicIpv4(), g.mac(), g.vpcId(), g.subnetId(), g.securityGroups(), g.iamRole(), g.autoScalingGroup(), tags,
                g.userData());
    }

    @BeforeEach
    void start() {
        clock = new ManualClock(FisSpotInterruptionTest.T0);
        sim = SpotSim.builder().clock(clock)
                .instance(tagged(0, "us-east-1a", Map.of("team", "web")))
                .instance(tagged(1, "us-east-1a", Map.of("team", "web")))
                .instance(tagged(2, "us-east-1b", Map.of("team", "web")))
                .instance(tagged(3, "us-east-1b", Map.of("team", "batch")))
                .start();
        fis = LocalAws.client(FisClient.builder(), sim);
    }

    @AfterEach
    void stop() {
        fis.close();
        sim.close();
    }

    private static CreateExperimentTemplateTargetInput byTag(String mode, ExperimentTemplateTargetInputFilter... filters) {
        return CreateExperimentTemplateTargetInput.builder().resourceType("aws:ec2:instance").resourceTags(Map.of("team", "web"))
                .selectionMode(mode).filters(filters).build();
    }

    private String template(Consumer<CreateExperimentTemplateRequest.Builder> more) {
        return fis.createExperimentTemplate(b -> {
            b.description("test").roleArn("arn:aws:iam::123456789012:role/fis")
                    .stopConditions(CreateExperimentTemplateStopConditionInput.builder().source("none").build());
            more.accept(b);
        }).experimentTemplate().id();
    }

    private String terminateTemplate(CreateExperimentTemplateTargetInput target) {
        return template(b -> b.targets(Map.of("web", target)).actions(Map.of("kill", CreateExperimentTemplateActionInput.builder()
                .actionId("aws:ec2:terminate-instances").targets(Map.of("Instances", "web")).build())));
    }

    private int patch(String templateId, String body) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + sim.controlPort() + "/experimentTemplates/" + templateId))
                .header("Content-Type", "application/json").method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private List<String> resolved(String experimentId) {
        return fis.listExperimentResolvedTargets(b -> b.experimentId(experimentId)).resolvedTargets().stream()
                .map(t -> t.targetInformation().get("arn").replaceAll(".*/", "")).toList();
    }

    @Test
    void selectionModesPickAllACountOrAPercentOfTheTaggedAndFilteredInstances() {
        String all = terminateTemplate(byTag("ALL"));
        String count = terminateTemplate(byTag("COUNT(1)"));
        String percent = terminateTemplate(byTag("PERCENT(50)"));
        String zoneB = terminateTemplate(byTag("ALL", ExperimentTemplateTargetInputFilter.builder().path("Placement.AvailabilityZone")
                .values("us-east-1b").build()));
        List<String> web = sim.instances().subList(0, 3).stream().map(v -> v.instanceId()).toList();
        assertThat(resolved(fis.startExperiment(b -> b.experimentTemplateId(zoneB)).experiment().id()))
                .containsExactly(sim.instances().get(2).instanceId());
        assertThat(resolved(fis.startExperiment(b -> b.experimentTemplateId(count)).experiment().id())).hasSize(1).isSubsetOf(web);
        clock.advance(Duration.ofMinutes(1));
        // 2 of the 3 web instances are gone now (terminated by the first two experiments); ALL takes what is left.
        List<String> left = resolved(fis.startExperiment(b -> b.experimentTemplateId(all)).experiment().id());
        assertThat(left).hasSize(1).isSubsetOf(web);
        assertThat(sim.fleet().instance(sim.instances().get(3).instanceId()).state()).isEqualTo(InstanceState.RUNNING);
        clock.advance(Duration.ofMinutes(1));
        Experiment none = fis.startExperiment(b -> b.experimentTemplateId(percent)).experiment();
        assertThat(none.state().status()).isEqualTo(ExperimentStatus.FAILED);
        assertThat(none.state().reason()).contains("Target resolution returned no resources for target web");
    }

    @Test
    void anActionStartsAfterTheActionsItNamesHaveCompleted() {
        String id = template(b -> b.targets(Map.of("web", byTag("COUNT(1)"))).actions(Map.of(
                "wait", CreateExperimentTemplateActionInput.builder().actionId("aws:fis:wait").parameters(Map.of("duration", "PT1M")).build(),
                "kill", CreateExperimentTemplateActionInput.builder().actionId("aws:ec2:terminate-instances").targets(Map.of("Instances", "web"))
                        .startAfter("wait").build())));
        String experiment = fis.startExperiment(b -> b.experimentTemplateId(id)).experiment().id();
        String victim = resolved(experiment).get(0);
        Experiment early = fis.getExperiment(b -> b.id(experiment)).experiment();
        assertThat(early.actions().get("wait").state().status()).isEqualTo(ExperimentActionStatus.RUNNING);
        assertThat(early.actions().get("kill").state().status()).isEqualTo(ExperimentActionStatus.PENDING);
        assertThat(sim.fleet().instance(victim).state()).isEqualTo(InstanceState.RUNNING);
        clock.advance(Duration.ofMinutes(1));
        assertThat(sim.fleet().instance(victim).state()).isEqualTo(InstanceState.SHUTTING_DOWN);
        Experiment done = fis.getExperiment(b -> b.id(experiment)).experiment();
        assertThat(done.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(done.actions().get("kill").startTime()).isEqualTo(FisSpotInterruptionTest.T0.plus(Duration.ofMinutes(1)));
    }

    @Test
    void templatesAreCreatedOncePerClientTokenReadListedUpdatedAndDeleted() throws Exception {
        CreateExperimentTemplateTargetInput target = byTag("ALL");
        Consumer<CreateExperimentTemplateRequest.Builder> spec = b -> b.clientToken("token-1").description("d")
                .roleArn("arn:aws:iam::123456789012:role/fis").tags(Map.of("owner", "me"))
                .stopConditions(CreateExperimentTemplateStopConditionInput.builder().source("none").build())
                .targets(Map.of("web", target)).actions(Map.of("kill", CreateExperimentTemplateActionInput.builder()
                        .actionId("aws:ec2:terminate-instances").targets(Map.of("Instances", "web")).build()));
        String first = fis.createExperimentTemplate(spec).experimentTemplate().id();
        assertThat(fis.createExperimentTemplate(spec).experimentTemplate().id()).isEqualTo(first);
        var read = fis.getExperimentTemplate(b -> b.id(first)).experimentTemplate();
        assertThat(read.id()).startsWith("EXT");
        assertThat(read.tags()).containsEntry("owner", "me");
        assertThat(read.targets().get("web").resourceTags()).containsEntry("team", "web");
        assertThat(read.actions().get("kill").actionId()).isEqualTo("aws:ec2:terminate-instances");
        assertThat(read.creationTime()).isEqualTo(FisSpotInterruptionTest.T0);

        clock.advance(Duration.ofSeconds(10));
        // UpdateExperimentTemplate is a PATCH, which the SDK's url-connection-client cannot send (HttpURLConnection
        // has no PATCH): the same request goes over java.net.http, and the SDK reads the result back.
        assertThat(patch(first, "{\"description\":\"new\",\"actions\":{\"kill\":{\"actionId\":\"aws:ec2:terminate-instances\","
                + "\"targets\":{\"Instances\":\"web\"},\"startAfter\":[\"pause\"]},\"pause\":{\"actionId\":\"aws:fis:wait\","
                + "\"parameters\":{\"duration\":\"PT5S\"}}}}")).isEqualTo(200);
        var updated = fis.getExperimentTemplate(b -> b.id(first)).experimentTemplate();
        assertThat(updated.description()).isEqualTo("new");
        assertThat(updated.actions()).containsKeys("kill", "pause");
        assertThat(updated.actions().get("kill").startAfter()).containsExactly("pause");
        assertThat(updated.lastUpdateTime()).isEqualTo(FisSpotInterruptionTest.T0.plusSeconds(10));
        assertThat(patch(first, "{\"actions\":{\"kill\":{\"actionId\":\"aws:ec2:terminate-instances\",\"targets\":{\"Instances\":\"web\"}},"
                + "\"pause\":{}}}")).isEqualTo(200);
        assertThat(fis.getExperimentTemplate(b -> b.id(first)).experimentTemplate().actions()).containsOnlyKeys("kill");
        assertThat(patch(first, "{\"actions\":{\"kill\":{\"actionId\":\"aws:ec2:terminate-instances\",\"targets\":{\"Instances\":\"nope\"}}}}"))
                .isEqualTo(400);
        assertThat(patch("EXTnothing", "{}")).isEqualTo(404);

        for (int i = 0; i < 3; i++) {
            terminateTemplate(target);
        }
        assertThat(fis.listExperimentTemplates(b -> b.maxResults(2)).experimentTemplates()).hasSize(2);
        assertThat(fis.listExperimentTemplatesPaginator(b -> b.maxResults(2)).experimentTemplates().stream().count()).isEqualTo(4);
        assertThat(fis.deleteExperimentTemplate(b -> b.id(first)).experimentTemplate().id()).isEqualTo(first);
        assertThatThrownBy(() -> fis.getExperimentTemplate(b -> b.id(first))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void experimentsAreStartedOncePerClientTokenListedAndPaged() {
        String id = template(b -> b.targets(Map.of("web", byTag("COUNT(1)"))).actions(Map.of("pause", CreateExperimentTemplateActionInput.builder()
                .actionId("aws:fis:wait").parameters(Map.of("duration", "PT1H")).build())).targets(Map.of()));
        Experiment a = fis.startExperiment(b -> b.experimentTemplateId(id).clientToken("t").tags(Map.of("run", "1"))).experiment();
        assertThat(fis.startExperiment(b -> b.experimentTemplateId(id).clientToken("t")).experiment().id()).isEqualTo(a.id());
        assertThat(a.id()).startsWith("EXP");
        assertThat(a.tags()).containsEntry("run", "1");
        fis.startExperiment(b -> b.experimentTemplateId(id));
        fis.startExperiment(b -> b.experimentTemplateId(id));
        assertThat(fis.listExperiments(b -> b.maxResults(2)).experiments()).hasSize(2);
        assertThat(fis.listExperimentsPaginator(b -> b.maxResults(2)).experiments().stream().count()).isEqualTo(3);
        assertThat(fis.listExperiments(b -> b.maxResults(100)).experiments()).allSatisfy(s -> {
            assertThat(s.experimentTemplateId()).isEqualTo(id);
            assertThat(s.state().status()).isEqualTo(ExperimentStatus.RUNNING);
        });
        assertThatThrownBy(() -> fis.listExperiments(b -> b.nextToken("bogus"))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> fis.listExperiments(b -> b.maxResults(101))).isInstanceOf(ValidationException.class);
    }

    @Test
    void badTemplatesAndUnknownIdsGetFissErrors() {
        var five = CreateExperimentTemplateTargetInput.builder().resourceType("aws:ec2:spot-instance").selectionMode("COUNT(6)")
                .resourceTags(Map.of("team", "web")).build();
        assertThatThrownBy(() -> template(b -> b.targets(Map.of("spot", five)).actions(Map.of("i", CreateExperimentTemplateActionInput.builder()
                .actionId("aws:ec2:send-spot-instance-interruptions").parameters(Map.of("durationBeforeInterruption", "PT2M"))
                .targets(Map.of("SpotInstances", "spot")).build()))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("at most 5");
        var spot = CreateExperimentTemplateTargetInput.builder().resourceType("aws:ec2:spot-instance").selectionMode("ALL")
                .resourceTags(Map.of("team", "web")).build();
        assertThatThrownBy(() -> template(b -> b.targets(Map.of("spot", spot)).actions(Map.of("i", CreateExperimentTemplateActionInput.builder()
                .actionId("aws:ec2:send-spot-instance-interruptions").parameters(Map.of("durationBeforeInterruption", "PT1M"))
                .targets(Map.of("SpotInstances", "spot")).build()))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("durationBeforeInterruption");
        assertThatThrownBy(() -> template(b -> b.actions(Map.of("x", CreateExperimentTemplateActionInput.builder().actionId("aws:ec2:reboot-instances")
                .build())))).isInstanceOf(ValidationException.class).hasMessageContaining("not supported");
        assertThatThrownBy(() -> template(b -> b.actions(Map.of("w", CreateExperimentTemplateActionInput.builder().actionId("aws:fis:wait")
                .parameters(Map.of("duration", "PT1M")).startAfter("nothing").build())))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> template(b -> b.targets(Map.of("web", byTag("SOME"))).actions(Map.of("kill", CreateExperimentTemplateActionInput
                .builder().actionId("aws:ec2:terminate-instances").targets(Map.of("Instances", "web")).build()))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("selectionMode");
        assertThatThrownBy(() -> fis.startExperiment(b -> b.experimentTemplateId("EXTnothing"))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> fis.getExperiment(b -> b.id("EXPnothing"))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> fis.stopExperiment(b -> b.id("EXPnothing"))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> fis.listExperimentResolvedTargets(b -> b.experimentId("EXPnothing"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void moreThanFiveResolvedSpotInstancesFailTheExperimentWithAReason() {
        SpotSim.Builder builder = SpotSim.builder().clock(clock);
        for (int i = 0; i < 6; i++) {
            builder.instance(tagged(i, "us-east-1a", Map.of("team", "web")));
        }
        SpotSim big = builder.start();
        try (FisClient client = LocalAws.client(FisClient.builder(), big)) {
            List<String> arns = big.instances().stream().map(v -> "arn:aws:ec2:us-east-1:" + v.identity().accountId() + ":instance/" + v.instanceId())
                    .toList();
            assertThatThrownBy(() -> FisSpotInterruptionTest.spotTemplate(client, arns, "PT2M")).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("at most 5");
            var byTag = CreateExperimentTemplateTargetInput.builder().resourceType("aws:ec2:spot-instance").selectionMode("ALL")
                    .resourceTags(Map.of("team", "web")).build();
            String id = client.createExperimentTemplate(b -> b.description("six").roleArn("arn:aws:iam::123456789012:role/fis")
                    .stopConditions(CreateExperimentTemplateStopConditionInput.builder().source("none").build())
                    .targets(Map.of("spot", byTag)).actions(Map.of("i", CreateExperimentTemplateActionInput.builder()
                            .actionId("aws:ec2:send-spot-instance-interruptions").parameters(Map.of("durationBeforeInterruption", "PT2M"))
                            .targets(Map.of("SpotInstances", "spot")).build()))).experimentTemplate().id();
            Experiment failed = client.startExperiment(b -> b.experimentTemplateId(id)).experiment();
            assertThat(failed.state().status()).isEqualTo(ExperimentStatus.FAILED);
            assertThat(failed.state().reason()).contains("at most 5").contains("resolved 6");
            assertThat(failed.actions().get("i").state().status()).isEqualTo(ExperimentActionStatus.CANCELLED);
            assertThat(big.instances()).allSatisfy(v -> assertThat(v.interruption()).isNull());
        } finally {
            big.close();
        }
    }
}
