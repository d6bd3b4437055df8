package dev.spotsim.gameday.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.gameday.aws.AwsClients;
import dev.spotsim.gameday.ec2.Ec2Targets;
import dev.spotsim.gameday.fake.FakeAws;
import dev.spotsim.gameday.fake.Fleets;
import dev.spotsim.gameday.ssm.SsmLoadDrivers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlannerTest {
    private final FakeAws aws = new FakeAws();
    private final AwsClients clients = AwsClients.create(aws.settings());
    private final Planner planner = new Planner(new Ec2Targets(clients.ec2()), new SsmLoadDrivers(clients.ssm()), "aws", "us-east-1");
    private final List<String> spot = Fleets.standard(aws);

    @AfterEach
    void close() {
        clients.close();
        aws.close();
    }

    private GamedayPlan plan(String yaml) {
        return planner.plan(Fleets.scenario(yaml), PlanOptions.of("run-1"));
    }

    @Test
    void picksWithTheSeedFromTheGroupsRunningSpotInstancesUsingReadOnlyCallsOnly() {
        GamedayPlan plan = plan(Fleets.SCENARIO);

        assertThat(plan.groupInstances()).hasSize(6);
        assertThat(plan.spotCandidates()).isEqualTo(4);
        assertThat(plan.steps()).hasSize(2);
        PlannedStep first = plan.steps().get(0);
        assertThat(first.instances()).singleElement().satisfies(i -> assertThat(i.pool()).isEqualTo("c5.large/us-east-1a"));
        assertThat(first.start()).isEqualTo(Duration.ofSeconds(30));
        assertThat(first.durationBeforeInterruption()).isEqualTo(Duration.ofMinutes(2));
        PlannedStep second = plan.steps().get(1);
        assertThat(second.start()).isEqualTo(Duration.ofMinutes(2));
        assertThat(second.durationBeforeInterruption()).isEqualTo(Duration.ofMinutes(3));
        assertThat(second.noticeAt()).isEqualTo(Duration.ofMinutes(3));
        assertThat(second.instanceIds()).doesNotContainAnyElementsOf(first.instanceIds());
        assertThat(plan.interruptedIds()).isSubsetOf(spot);
        assertThat(plan.loadGenerators()).hasSize(2);
        assertThat(plan(Fleets.SCENARIO).interruptedIds()).as("the same seed picks the same instances").isEqualTo(plan.interruptedIds());

        assertThat(aws.ec2Actions()).containsOnly("DescribeInstances");
        assertThat(aws.ssmOperations()).containsOnly("DescribeInstanceInformation");
        assertThat(aws.fisCalls()).isEmpty();
    }

    @Test
    void theDryRunTextShowsTheInstancesTheTemplateAndTheCommand() {
        GamedayPlan plan = plan(Fleets.SCENARIO);

        String text = PlanText.render(plan, false);

        assertThat(text).contains("DRY RUN", "Auto Scaling group web-asg, tag Environment=staging: 6 running, 4 of them Spot",
                plan.steps().get(0).instanceIds().get(0) + " ", "<- step 1", "<- step 2",
                "\"actionId\" : \"aws:ec2:send-spot-instance-interruptions\"", "\"durationBeforeInterruption\" : \"PT3M\"",
                "arn:aws:ec2:us-east-1:123456789012:instance/" + plan.steps().get(1).instanceIds().get(0),
                "\"DocumentName\" : \"AWS-RunShellScript\"", "hey -z 5m https://staging.example.com/",
                "Blast radius: 2 of 6 running instances (33.3%), within maxInstances 2 and maxPercent 34.",
                "healthyCapacity.min >= 3");
        assertThat(text).doesNotContain(FakeAws.ACCESS_KEY, FakeAws.SECRET_KEY);
    }

    @Test
    void refusesMoreInstancesThanTheBlastRadiusAllows() {
        String yaml = Fleets.SCENARIO.replace("maxInstances: 2", "maxInstances: 1");

        assertThatThrownBy(() -> plan(yaml)).isInstanceOf(GamedayRefusal.class)
                .hasMessageStartingWith("blast radius: the scenario interrupts 2 instances (")
                .hasMessageEndingWith("above maxInstances 1 (gameday.blastRadius.maxInstances)");
        assertThatThrownBy(() -> planner.plan(Fleets.scenario(Fleets.SCENARIO), new PlanOptions("run-1", 1, null, null, false)))
                .hasMessageEndingWith("above maxInstances 1 (--max-instances)");
        assertThat(aws.fisCalls()).isEmpty();
        assertThat(aws.ssmOperations()).doesNotContain("SendCommand");
    }

    @Test
    void refusesMoreOfTheGroupThanTheBlastRadiusAllows() {
        assertThatThrownBy(() -> planner.plan(Fleets.scenario(Fleets.SCENARIO), new PlanOptions("run-1", null, 30.0, null, false)))
                .isInstanceOf(GamedayRefusal.class)
                .hasMessageContaining("of the group's 6 running instances (33.3%), above maxPercent 30 (--max-percent)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "reclaim|    select: {count: 1, from: {pool: c5.large/us-east-1a}}|    reclaim: {pool: c5.large/us-east-1a}|interruptions[0].reclaim: a pool's Spot capacity is AWS's",
        "notice|  - at: 30s|  - at: 30s\\n    notice: 5m|interruptions[0].notice: EC2 always gives 2m",
        "rebalance lead|rebalanceLead: 1m|rebalanceLead: 14m|interruptions[1].rebalanceLead: FIS allows at most 13m",
        "no role|  fisRoleArn: arn:aws:iam::123456789012:role/spotsim-fis|  pollInterval: 10s|gameday.fisRoleArn: FIS needs an experiment role",
        "named instance|select: {count: 1}|select: {instances: [i-0123456789abcdef0]}|interruptions[1].select.instances: i-0123456789abcdef0 is not a running Spot Instance",
        "empty pool|select: {count: 1}|select: {count: 1, from: {pool: m5.large/us-east-1b, az: us-east-1a}}|interruptions[1].select: selects no running Spot Instance",
        "too few generators|count: 2|count: 3|gameday.loadGenerators.count: asks for 3 generators, 2 running instances",
        "no targets|autoScalingGroup: web-asg|autoScalingGroup: api-asg|gameday.targets: no running instance matches Auto Scaling group api-asg",
        "live guard|healthyCapacity.min: \">= 3\"|failedRequests.percent: \"< 5\"|gameday.stopConditions.failedRequests.percent: needs live request figures"
    })
    void refusesWhatRealAwsCannotPlayNamingTheField(String name, String from, String to, String message) {
        String yaml = Fleets.SCENARIO.replace(from, to.replace("\\n", "\n"));
        assertThat(yaml).as("test input changed").isNotEqualTo(Fleets.SCENARIO);

        assertThatThrownBy(() -> plan(yaml)).isInstanceOf(GamedayRefusal.class).hasMessageContaining(message);
        assertThat(aws.fisCalls()).isEmpty();
    }

    @Test
    void refusesAGeneratorSsmCannotReach() {
        String offline = aws.ec2.add("c5.xlarge", "us-east-1a", false, Fleets.LOADGEN).id();
        aws.ssm.managed(offline, "ConnectionLost");

        assertThatThrownBy(() -> plan(Fleets.SCENARIO.replace("count: 2, ", ""))).isInstanceOf(GamedayRefusal.class)
                .hasMessageContaining("SSM cannot run commands on " + offline + " (ConnectionLost)");
    }

    @Test
    void refusesAGeneratorThatWouldAlsoBeInterrupted() {
        String yaml = Fleets.SCENARIO.replace("loadGenerators: {tags: {Role: loadgen}, count: 2,", "loadGenerators: {tags: {Environment: staging},");

        assertThatThrownBy(() -> plan(yaml)).isInstanceOf(GamedayRefusal.class).hasMessageContaining("would drive load and be interrupted");
    }

    @Test
    void notesWhatAGameDayCannotMeasureOrPlayAsWritten() {
        String yaml = Fleets.SCENARIO.replace("  recoveryTime.max: \"< 5m\"", "  recoveryTime.max: \"< 5m\"\n  drainTime.p95: \"< 60s\"\n  latency.p99: \"< 500ms\"")
                .replace("  - at: 30s", "  - at: 30s\n    action: stop").replace("rebalanceLead: 1m", "rebalanceLead: 4m");

        GamedayPlan plan = plan(yaml);

        // Drain is read from the group's target groups; latency needs spotsim load's figures, which a command generator does not give.
        assertThat(plan.notes()).anySatisfy(n -> assertThat(n).startsWith("slos.latency.p99: a game day cannot measure this"))
                .anySatisfy(n -> assertThat(n).startsWith("interruptions[0].action: stop happens only if"))
                .anySatisfy(n -> assertThat(n).startsWith("interruptions[1]: the rebalance recommendation would come before the load starts"));
        assertThat(plan.notes()).noneMatch(n -> n.contains("recoveryTime") || n.contains("drainTime"));
        assertThat(plan.steps().get(1).start()).isEqualTo(Duration.ZERO);
    }

    @Test
    void aLiveLoadMakesFailedRequestGuardsPossible() {
        String yaml = Fleets.SCENARIO.replace("healthyCapacity.min: \">= 3\"", "failedRequests.percent: \"< 5\"");

        GamedayPlan plan = planner.plan(Fleets.scenario(yaml), new PlanOptions("run-1", null, null, null, true));

        assertThat(plan.stopConditions()).singleElement().satisfies(g -> assertThat(g.key()).isEqualTo("failedRequests.percent"));
    }
}
