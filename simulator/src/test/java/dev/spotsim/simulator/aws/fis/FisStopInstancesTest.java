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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateActionInput;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateStopConditionInput;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateTargetInput;
import software.amazon.awssdk.services.fis.model.Experiment;
import software.amazon.awssdk.services.fis.model.ExperimentActionStatus;
import software.amazon.awssdk.services.fis.model.ExperimentStatus;
import software.amazon.awssdk.services.fis.model.ValidationException;

/**
 * FIS's {@code aws:ec2:stop-instances} on a manual clock through the real FisClient (and Ec2Client to look):
 * StopInstances at the action's start, StartInstances after {@code startInstancesAfterDuration} with the
 * action completing then, at once on StopExperiment (its post action), the parameters' limits, and a Spot
 * Instance of a one-time request that cannot be stopped.
 * https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html#stop-instances
 */
class FisStopInstancesTest {
    private ManualClock clock;
    private SpotSim sim;
    private FisClient fis;
    private Ec2Client ec2;

    private static InstanceIdentity onDemand(int index) {
        return InstanceIdentity.generated(index, "m5.large", "us-east-1a", "on-demand");
    }

    @BeforeEach
    void start() {
        clock = new ManualClock(FisSpotInterruptionTest.T0);
        sim = SpotSim.builder().clock(clock).instance(onDemand(0)).instance(onDemand(1))
                .instance(InstanceIdentity.generated(2, "c5.large", "us-east-1b", "spot")).start();
        fis = LocalAws.client(FisClient.builder(), sim);
        ec2 = LocalAws.client(Ec2Client.builder(), sim);
    }

    @AfterEach
    void stop() {
        ec2.close();
        fis.close();
        sim.close();
    }

    private String stopTemplate(List<Integer> instances, Map<String, String> parameters) {
        List<String> arns = instances.stream().map(i -> FisSpotInterruptionTest.arn(sim, i)).toList();
        return fis.createExperimentTemplate(b -> b.description("stop").roleArn("arn:aws:iam::123456789012:role/fis")
                .stopConditions(CreateExperimentTemplateStopConditionInput.builder().source("none").build())
                .targets(Map.of("web", CreateExperimentTemplateTargetInput.builder().resourceType("aws:ec2:instance").resourceArns(arns)
                        .selectionMode("ALL").build()))
                .actions(Map.of("stop", CreateExperimentTemplateActionInput.builder().actionId("aws:ec2:stop-instances").parameters(parameters)
                        .targets(Map.of("Instances", "web")).build()))).experimentTemplate().id();
    }

    private String state(int index) {
        String id = sim.instances().get(index).instanceId();
        return ec2.describeInstances(b -> b.instanceIds(id)).reservations().get(0).instances().get(0).state().nameAsString();
    }

    private Experiment experiment(String id) {
        return fis.getExperiment(b -> b.id(id)).experiment();
    }

    @Test
    void stoppedInstancesStartAgainAfterStartInstancesAfterDurationAndTheActionCompletesThen() {
        String template = stopTemplate(List.of(0, 1), Map.of("startInstancesAfterDuration", "PT5M"));

        String id = fis.startExperiment(b -> b.experimentTemplateId(template)).experiment().id();

        assertThat(state(0)).isEqualTo("stopping");
        assertThat(state(1)).isEqualTo("stopping");
        clock.advance(Duration.ofSeconds(10));
        assertThat(state(0)).isEqualTo("stopped");
        assertThat(experiment(id).actions().get("stop").state().status()).isEqualTo(ExperimentActionStatus.RUNNING);
        assertThat(experiment(id).state().status()).isEqualTo(ExperimentStatus.RUNNING);
        clock.advance(Duration.ofMinutes(4).plusSeconds(49));
        assertThat(state(1)).as("still stopped a second before the 5 minutes").isEqualTo("stopped");

        clock.advance(Duration.ofSeconds(1));

        assertThat(List.of(state(0), state(1))).allMatch(s -> s.equals("pending") || s.equals("running"));
        Experiment done = experiment(id);
        assertThat(done.actions().get("stop").state().status()).isEqualTo(ExperimentActionStatus.COMPLETED);
        assertThat(done.actions().get("stop").endTime()).isEqualTo(FisSpotInterruptionTest.T0.plus(Duration.ofMinutes(5)));
        assertThat(done.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(state(2)).as("not a target").isEqualTo("running");
    }

    @Test
    void withoutStartInstancesAfterDurationTheInstancesStayStoppedAndTheActionCompletesAtOnce() {
        String template = stopTemplate(List.of(0), Map.of());

        String id = fis.startExperiment(b -> b.experimentTemplateId(template)).experiment().id();
        clock.advance(Duration.ofMinutes(30));

        assertThat(experiment(id).state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(state(0)).isEqualTo("stopped");
        assertThat(state(1)).isEqualTo("running");
    }

    @Test
    void stoppingTheExperimentStartsTheStoppedInstancesAtOnce() {
        String template = stopTemplate(List.of(0), Map.of("startInstancesAfterDuration", "PT1H"));
        String id = fis.startExperiment(b -> b.experimentTemplateId(template)).experiment().id();
        clock.advance(Duration.ofMinutes(1));
        assertThat(state(0)).isEqualTo("stopped");

        fis.stopExperiment(b -> b.id(id));

        assertThat(state(0)).isIn("pending", "running");
        Experiment stopped = experiment(id);
        assertThat(stopped.state().status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(stopped.actions().get("stop").state().status()).isEqualTo(ExperimentActionStatus.STOPPED);
    }

    @Test
    void anInstanceTerminatedWhileStoppedFailsTheActionUnlessCompleteIfInstancesTerminated() {
        String strict = stopTemplate(List.of(0), Map.of("startInstancesAfterDuration", "PT2M"));
        String lenient = stopTemplate(List.of(1), Map.of("startInstancesAfterDuration", "PT2M", "completeIfInstancesTerminated", "true"));
        String failing = fis.startExperiment(b -> b.experimentTemplateId(strict)).experiment().id();
        String completing = fis.startExperiment(b -> b.experimentTemplateId(lenient)).experiment().id();
        clock.advance(Duration.ofSeconds(30));
        // What an Auto Scaling group does to a stopped instance it manages: it terminates it.
        ec2.terminateInstances(b -> b.instanceIds(sim.instances().get(0).instanceId(), sim.instances().get(1).instanceId()));

        clock.advance(Duration.ofMinutes(2));

        Experiment failed = experiment(failing);
        assertThat(failed.state().status()).isEqualTo(ExperimentStatus.FAILED);
        assertThat(failed.state().reason()).contains(sim.instances().get(0).instanceId(), "completeIfInstancesTerminated");
        assertThat(failed.actions().get("stop").state().status()).isEqualTo(ExperimentActionStatus.FAILED);
        assertThat(experiment(completing).state().status()).isEqualTo(ExperimentStatus.COMPLETED);
    }

    @Test
    void aSpotInstanceOfAOneTimeRequestCannotBeStoppedSoTheExperimentFails() {
        String template = stopTemplate(List.of(2), Map.of("startInstancesAfterDuration", "PT2M"));

        Experiment started = fis.startExperiment(b -> b.experimentTemplateId(template)).experiment();

        Experiment failed = experiment(started.id());
        assertThat(failed.state().status()).isEqualTo(ExperimentStatus.FAILED);
        assertThat(failed.state().reason()).contains("UnsupportedOperation", "one-time Spot Instance request");
        assertThat(state(2)).isEqualTo("running");
    }

    @Test
    void parametersOutsideTheirLimitsAreRefusedWhenTheTemplateIsCreated() {
        assertThatThrownBy(() -> stopTemplate(List.of(0), Map.of("startInstancesAfterDuration", "PT30S")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("startInstancesAfterDuration must be from PT1M to PT12H");
        assertThatThrownBy(() -> stopTemplate(List.of(0), Map.of("startInstancesAfterDuration", "PT13H")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("PT12H");
        assertThatThrownBy(() -> stopTemplate(List.of(0), Map.of("completeIfInstancesTerminated", "true")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("completeIfInstancesTerminated needs startInstancesAfterDuration");
        assertThatThrownBy(() -> stopTemplate(List.of(0), Map.of("startInstancesAfterDuration", "PT2M", "completeIfInstancesTerminated", "yes")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("must be true or false");
        assertThatThrownBy(() -> stopTemplate(List.of(0), Map.of("duration", "PT2M")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("has no parameter duration");
    }
}
