package dev.spotsim.gameday.run;

import dev.spotsim.reports.record.Outcome;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.gameday.aws.AwsClients;
import dev.spotsim.gameday.drain.DrainReaders;
import dev.spotsim.gameday.drain.DrainSources;
import dev.spotsim.gameday.drain.EcsReader;
import dev.spotsim.gameday.drain.TargetReader;
import dev.spotsim.gameday.drain.WorkloadObservation;
import dev.spotsim.gameday.ec2.Ec2Targets;
import dev.spotsim.gameday.fake.FakeAws;
import dev.spotsim.gameday.fake.FakeDrain;
import dev.spotsim.gameday.fake.Fleets;
import dev.spotsim.gameday.fis.FisExperiments;
import dev.spotsim.gameday.plan.GamedayPlan;
import dev.spotsim.gameday.plan.PlanOptions;
import dev.spotsim.gameday.plan.Planner;
import dev.spotsim.gameday.ssm.SsmLoadDrivers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DrainMeasurementTest {
    private final FakeAws aws = new FakeAws();
    private final AwsClients clients = AwsClients.create(aws.settings());
    private final Ec2Targets ec2 = new Ec2Targets(clients.ec2());
    private final SsmLoadDrivers ssm = new SsmLoadDrivers(clients.ssm());
    private final List<String> spot = Fleets.standard(aws);
    private final Instant t0 = aws.clock.now();

    @AfterEach
    void close() {
        clients.close();
        aws.close();
    }

    private GamedayResult run(boolean withCluster) {
        spot.forEach(aws.drain::task);
        // healthyCapacity reads the target group: 4 healthy targets (one task per Spot Instance) fall to 2 once both steps drained.
        GamedayPlan plan = new Planner(ec2, ssm, "aws", "us-east-1").plan(Fleets.scenario(Fleets.SCENARIO.replace(
                "healthyCapacity.min: \">= 3\"", "healthyCapacity.min: \">= 2\"")), PlanOptions.of("run-1"));
        DrainReaders drain = new DrainReaders(new DrainSources("web-asg", List.of(), withCluster ? FakeDrain.CLUSTER : null),
                new TargetReader(clients.elbv2(), clients.autoscaling()), withCluster ? new EcsReader(clients.ecs(), FakeDrain.CLUSTER) : null);
        return new GamedayRun(plan, "aws", ec2, new FisExperiments(clients.fis()), ssm, aws.clock, null, drain).execute();
    }

    private Duration at(Instant t) {
        return t == null ? null : Duration.between(t0, t);
    }

    @Test
    void ecsTaskStopsAndTargetHealthGiveEachInterruptedTasksDrain() {
        GamedayResult result = run(true);

        assertThat(result.outcome()).as(result.reason()).isEqualTo(Outcome.COMPLETED);
        assertThat(result.drainFailure()).isNull();
        assertThat(result.workloads()).hasSize(2).allSatisfy(w -> {
            assertThat(w.kind()).isEqualTo("ecs-task");
            assertThat(w.killed()).isNull();
            assertThat(w.exitCode()).isZero();
        });
        WorkloadObservation first = result.workloads().get(0);
        // Step 1: notice at 30s (FIS: 2 minutes before the interruption at 2m30s); the target drains at 32s, seen at the 40s poll;
        // ECS stops the task after the 10 s deregistration delay (stoppingAt 42s) and it exits at 45s: exact times from DescribeTasks.
        assertThat(at(first.notice())).isEqualTo(Duration.ofSeconds(30));
        assertThat(at(first.deregistered())).isEqualTo(Duration.ofSeconds(40));
        assertThat(at(first.detected())).isEqualTo(Duration.ofSeconds(40));
        assertThat(at(first.sigterm())).isEqualTo(Duration.ofSeconds(42));
        assertThat(at(first.exited())).isEqualTo(Duration.ofSeconds(45));
        WorkloadObservation second = result.workloads().get(1);
        assertThat(at(second.notice())).isEqualTo(Duration.ofMinutes(3));
        assertThat(at(second.exited())).isEqualTo(Duration.ofSeconds(195));
        assertThat(result.timeline()).anySatisfy(e -> assertThat(e.kind() + " " + at(e.at())).isEqualTo("exit PT45S"))
                .anySatisfy(e -> assertThat(e.kind() + " " + at(e.at())).isEqualTo("lifecycle PT2M30S"));
        assertThat(result.timeline()).allSatisfy(e -> assertThat(e.timelineKind()).as(e.kind()).isNotEqualTo(dev.spotsim.reports.record.TimelineKind.OTHER));
        // Healthy capacity came from target health: 4 healthy at the start, 2 once both tasks drained (no replacements in this fake).
        assertThat(result.healthyCapacity()).isEqualTo(new GamedayResult.HealthyCapacity(2, 4, true));
        // Drain is measured with reads only.
        assertThat(aws.drainCalls()).isNotEmpty().allMatch(c -> c.startsWith("Describe") || c.startsWith("List"));
    }

    @Test
    void aTaskThatOutlivesItsStopTimeoutIsCountedAsKilled() {
        aws.drain.ignoresSigterm = true;

        GamedayResult result = run(true);

        assertThat(result.workloads()).hasSize(2).allSatisfy(w -> {
            assertThat(w.exitCode()).isEqualTo(137);
            assertThat(w.exited()).isNull();
            assertThat(w.killed()).isEqualTo(w.sigterm().plusSeconds(30));
        });
        assertThat(result.timeline()).anySatisfy(e -> assertThat(e.kind() + " " + at(e.at())).isEqualTo("kill PT1M12S"));
    }

    @Test
    void withoutAClusterTheTargetsDrainIsMeasuredFromTargetHealth() {
        aws.drain.targetsByInstance = true;

        GamedayResult result = run(false);

        assertThat(result.workloads()).hasSize(2).allSatisfy(w -> assertThat(w.kind()).isEqualTo("target"));
        WorkloadObservation first = result.workloads().get(0);
        // Draining seen at 40s, gone (deregistration delay over at 42s) at the 50s poll, long before the interruption.
        assertThat(at(first.deregistered())).isEqualTo(Duration.ofSeconds(40));
        assertThat(at(first.exited())).isEqualTo(Duration.ofSeconds(50));
        assertThat(first.killed()).isNull();
        assertThat(aws.drainCalls()).doesNotContain("ListTasks", "DescribeTasks");
    }

    @Test
    void aTargetThatDrainsAndLeavesBetweenTwoPollsIsDeregisteredByThePollThatNoLongerListsIt() {
        // Draining at 32s and removed at 35s: both between the polls at 30s and 40s.
        aws.drain.deregistrationDelay = Duration.ofSeconds(3);

        GamedayResult result = run(true);

        WorkloadObservation first = result.workloads().get(0);
        assertThat(at(first.deregistered())).isEqualTo(Duration.ofSeconds(40));
        assertThat(at(first.sigterm())).isEqualTo(Duration.ofSeconds(35));
        assertThat(result.timeline()).anySatisfy(e -> assertThat(e.kind() + " " + at(e.at()) + " " + e.detail())
                .startsWith("deregistered PT40S target ").endsWith("between two polls (its draining was not seen)"));
    }
}
