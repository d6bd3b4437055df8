package dev.spotsim.gameday.run;

import dev.spotsim.reports.record.Outcome;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.reports.record.TimelineEntry;
import dev.spotsim.gameday.aws.AwsClients;
import dev.spotsim.gameday.ec2.Ec2Targets;
import dev.spotsim.gameday.fake.FakeAws;
import dev.spotsim.gameday.fake.Fleets;
import dev.spotsim.gameday.fis.FisExperiments;
import dev.spotsim.gameday.plan.GamedayPlan;
import dev.spotsim.gameday.plan.PlanOptions;
import dev.spotsim.gameday.plan.Planner;
import dev.spotsim.gameday.ssm.Invocation;
import dev.spotsim.gameday.ssm.InvocationStatus;
import dev.spotsim.gameday.ssm.SsmLoadDrivers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GamedayRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    private GamedayPlan plan(String yaml) {
        return new Planner(ec2, ssm, "aws", "us-east-1").plan(Fleets.scenario(yaml), PlanOptions.of("run-1"));
    }

    private GamedayRun run(GamedayPlan plan) {
        return new GamedayRun(plan, "aws", ec2, new FisExperiments(clients.fis()), ssm, aws.clock, null);
    }

    private Duration at(Instant t) {
        return Duration.between(t0, t);
    }

    @Test
    void playsEveryStepWatchesRecoveryAndCleansUp() throws Exception {
        GamedayPlan plan = plan(Fleets.SCENARIO);
        String first = plan.steps().get(0).instanceIds().get(0);
        String second = plan.steps().get(1).instanceIds().get(0);
        // One throttled GetExperiment mid-run: retried, the run goes on.
        aws.fisServer.stubFor(get(urlMatching("/experiments/.*")).atPriority(1).inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("x-amzn-ErrorType", "ThrottlingException")
                        .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Rate exceeded\"}"))
                .willSetStateTo("once"));

        GamedayResult result = run(plan).execute();

        assertThat(result.outcome()).as(result.reason()).isEqualTo(Outcome.COMPLETED);
        assertThat(result.steps()).extracting(StepResult::status).containsExactly("completed", "completed");
        assertThat(at(result.steps().get(0).startedAt())).isEqualTo(Duration.ofSeconds(30));
        assertThat(at(result.steps().get(1).startedAt())).isEqualTo(Duration.ofMinutes(2));
        // Step 2's instance is interrupted at 5m, its replacement runs from 6m30s: recovery 1m30s at 10 s polling.
        assertThat(result.recoveryTime()).isEqualTo(Duration.ofSeconds(90));
        assertThat(result.desiredCapacity()).isEqualTo(6);
        assertThat(result.minCapacity()).isEqualTo(5);
        assertThat(result.invocations()).extracting(Invocation::status).containsExactly(InvocationStatus.SUCCESS, InvocationStatus.SUCCESS);

        assertThat(events(result, first)).contains("30s rebalance", "30s notice", "2m30s action", "2m30s state running -> shutting-down",
                "3m state shutting-down -> terminated");
        assertThat(events(result, second)).contains("2m rebalance", "3m notice", "5m action", "5m state running -> shutting-down");
        assertThat(result.timeline()).anySatisfy(e -> assertThat(e.kind() + " " + at(e.at())).isEqualTo("launch PT3M30S"))
                .anySatisfy(e -> assertThat(e.kind() + " " + at(e.at())).isEqualTo("recovered PT6M30S"));
        assertThat(result.timeline()).extracting(TimelineEntry::at).isSorted();

        // Only the planned instances were ever put in a template; everyone else is still running.
        List<String> targeted = new ArrayList<>();
        for (var r : FakeAws.received(aws.fisServer)) {
            if (r.getUrl().equals("/experimentTemplates")) {
                JSON.readTree(r.getBodyAsString()).at("/targets").forEach(t -> t.path("resourceArns")
                        .forEach(a -> targeted.add(a.asText().replaceAll(".*/", ""))));
            }
        }
        assertThat(targeted).containsExactly(first, second);
        spot.stream().filter(id -> !targeted.contains(id)).forEach(id -> assertThat(aws.ec2.stateOf(id, aws.clock.now())).isEqualTo("running"));
        assertThat(aws.fisCalls()).noneMatch(c -> c.startsWith("DELETE /experiments/"))
                .filteredOn(c -> c.startsWith("DELETE /experimentTemplates/")).hasSize(2);
        assertThat(aws.fis.templateIds()).isEmpty();
        assertThat(aws.ssmOperations()).doesNotContain("CancelCommand");
        assertThat(aws.ec2Actions()).containsOnly("DescribeInstances");
        assertThat(result.cleanupProblems()).isEmpty();
    }

    private List<String> events(GamedayResult result, String instanceId) {
        return result.timeline().stream().filter(e -> instanceId.equals(e.instanceId()))
                .map(e -> dev.spotsim.scenarios.time.Durations.format(at(e.at())) + " " + e.kind()
                        + (e.kind().equals("state") ? " " + e.detail() : "")).toList();
    }

    @Test
    void aBrokenGuardStopsTheExperimentsAndCancelsTheLoad() {
        GamedayPlan plan = plan(Fleets.SCENARIO.replace("healthyCapacity.min: \">= 3\"", "healthyCapacity.min: \">= 6\""));
        String second = plan.steps().get(1).instanceIds().get(0);

        GamedayResult result = run(plan).execute();

        assertThat(result.outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(result.brokenGuard().key()).isEqualTo("healthyCapacity.min");
        assertThat(result.brokenGuard().measured()).isEqualTo(5.0);
        assertThat(at(result.endedAt())).isLessThan(Duration.ofMinutes(4));
        String secondExperiment = result.steps().get(1).experimentId();
        assertThat(aws.fisCalls()).contains("DELETE /experiments/" + secondExperiment)
                .filteredOn(c -> c.startsWith("DELETE /experimentTemplates/")).hasSize(2);
        assertThat(result.steps().get(1).status()).isEqualTo("stopped");
        assertThat(aws.ssmOperations()).contains("CancelCommand");
        assertThat(result.invocations()).extracting(Invocation::status).containsOnly(InvocationStatus.CANCELLED);
        assertThat(aws.ec2.stateOf(second, aws.clock.now().plus(Duration.ofMinutes(10)))).as("stopped before its interruption").isEqualTo("running");
        assertThat(aws.fis.templateIds()).isEmpty();
        assertThat(result.timeline()).anySatisfy(e -> assertThat(e.detail()).contains("stop condition healthyCapacity.min >= 6 broken (measured 5)"));
    }

    @Test
    void aStopRequestLikeCtrlCStopsEverythingAndLeavesNoTemplate() {
        GamedayPlan plan = plan(Fleets.SCENARIO);
        GamedayRun run = run(plan);
        aws.clock.onPause(t -> {
            if (!t.isBefore(t0.plus(Duration.ofMinutes(1)))) {
                run.stop("interrupted (Ctrl-C)");
            }
        });

        GamedayResult result = run.execute();

        assertThat(result.outcome()).isEqualTo(Outcome.INTERRUPTED);
        assertThat(result.reason()).isEqualTo("interrupted (Ctrl-C)");
        assertThat(result.steps().get(0).status()).isEqualTo("stopped");
        assertThat(result.steps().get(1).status()).isEqualTo("not started");
        assertThat(aws.fisCalls()).contains("DELETE /experiments/" + result.steps().get(0).experimentId())
                .filteredOn(c -> c.equals("POST /experimentTemplates")).hasSize(1);
        assertThat(aws.ssmOperations()).contains("CancelCommand");
        assertThat(aws.fis.templateIds()).isEmpty();
        assertThat(aws.ec2.stateOf(plan.steps().get(0).instanceIds().get(0), aws.clock.now().plus(Duration.ofMinutes(10)))).isEqualTo("running");
    }

    @Test
    void aFailedExperimentEndsTheRunWithoutAVerdictAndCleansUp() {
        aws.fis.failWith = "Unable to assume the experiment role";

        GamedayResult result = run(plan(Fleets.SCENARIO)).execute();

        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.reason()).contains("step 1: FIS experiment", "failed: Unable to assume the experiment role");
        assertThat(aws.ssmOperations()).contains("CancelCommand");
        assertThat(aws.fis.templateIds()).isEmpty();
    }

    @Test
    void aPlannedInstanceThatIsGoneByItsStepIsLeftOutNeverSwapped() {
        GamedayPlan plan = plan(Fleets.SCENARIO);
        String second = plan.steps().get(1).instanceIds().get(0);
        aws.ec2.replaces = false;
        aws.clock.onPause(t -> {
            if (t.equals(t0.plus(Duration.ofMinutes(1)))) {
                aws.ec2.interrupt(second, t);
            }
        });

        GamedayResult result = run(plan).execute();

        assertThat(result.steps().get(1).skipped()).isTrue();
        assertThat(aws.fisCalls()).filteredOn(c -> c.equals("POST /experimentTemplates")).hasSize(1);
        assertThat(result.timeline()).anySatisfy(e -> assertThat(e.detail()).isEqualTo("step 2: skipped, none of its instances is still targetable"));
    }

    @Test
    void aLoadThatCannotBeSentEndsTheRunBeforeAnythingIsInterrupted() {
        aws.ssmServer.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlMatching("/")).atPriority(1)
                .withHeader("X-Amz-Target", com.github.tomakehurst.wiremock.client.WireMock.equalTo("AmazonSSM.SendCommand"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"InvalidInstanceId\",\"Message\":\"Instances not in a valid state for account\"}")));

        GamedayResult result = run(plan(Fleets.SCENARIO)).execute();

        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.reason()).contains("Instances not in a valid state");
        assertThat(aws.fisCalls()).isEmpty();
        assertThat(result.steps()).extracting(StepResult::status).containsOnly("not started");
    }

    @Test
    void theDeadlineEndsARunThatNeverSettles() {
        aws.fis.neverCompletes = true;
        String yaml = Fleets.SCENARIO.replaceAll("  loadGenerators: .*\n", "").replace("seed: 42", "seed: 42\nrecovery: {timeout: 30s}");
        GamedayPlan plan = plan(yaml);

        GamedayResult result = run(plan).execute();

        assertThat(result.outcome()).isEqualTo(Outcome.DEADLINE);
        assertThat(at(result.endedAt())).isGreaterThan(plan.deadline());
        assertThat(aws.fisCalls()).filteredOn(c -> c.startsWith("DELETE /experiments/")).hasSize(2);
        assertThat(aws.fis.templateIds()).isEmpty();
    }
}
