package dev.spotsim.cli.gameday;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotsim.reports.record.TimelineEntry;
import dev.spotsim.reports.record.TimelineKind;
import dev.spotsim.gameday.ec2.Ec2Instance;
import dev.spotsim.gameday.ec2.TagSelector;
import dev.spotsim.gameday.plan.GamedayPlan;
import dev.spotsim.gameday.drain.WorkloadObservation;
import dev.spotsim.gameday.run.GamedayResult;
import dev.spotsim.gameday.ssm.Invocation;
import dev.spotsim.gameday.ssm.InvocationStatus;
import dev.spotsim.gatling.figures.FiguresCodec;
import dev.spotsim.gatling.figures.FiguresRecorder;
import dev.spotsim.gatling.figures.LoadFigures;
import dev.spotsim.gameday.run.GamedayResult.CapacitySample;
import dev.spotsim.reports.record.Outcome;
import dev.spotsim.gameday.run.StepResult;
import dev.spotsim.gameday.ssm.LoadSummary;
import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.record.SecondSample;
import dev.spotsim.reports.record.SloResult;
import dev.spotsim.reports.render.RecordFiles;
import dev.spotsim.scenarios.model.Scenario;
import dev.spotsim.scenarios.parse.StructuredReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a game day's observations become in the run record and the SLO gate. */
class GamedayRecordTest {
    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    private static final String BASE = """
            name: web-gameday
            fleet:
              group: {desired: 6}
              pools: [{type: c5.large, az: us-east-1a}]
            workload: {lane: app, command: "true"}
            interruptions:
              - at: 30s
                select: {count: 1}
            seed: 7
            """;

    @TempDir
    Path dir;

    private static Scenario scenario(String slos, String gamedaySlos) {
        String yaml = BASE + "slos:\n" + slos + "gameday:\n  targets: {autoScalingGroup: web-asg}\n"
                + (gamedaySlos == null ? "" : "  slos:\n" + gamedaySlos);
        return new StructuredReader().read(yaml, "g.yaml", false, Scenario.class);
    }

    private static GamedayResult result(Outcome outcome, String reason, LoadSummary requests, GamedayResult.BrokenGuard guard) {
        return result(outcome, reason, requests, guard, List.of(), List.of());
    }

    private static GamedayResult result(Outcome outcome, String reason, LoadSummary requests, GamedayResult.BrokenGuard guard,
                                        List<Invocation> invocations, List<WorkloadObservation> workloads) {
        Ec2Instance i = new Ec2Instance("i-00000000000000a01", "c5.large", "us-east-1a", "running", "spot", T0, "123456789012", Map.of());
        GamedayPlan plan = new GamedayPlan("run-1", "web-gameday", "us-east-1", new TagSelector(Map.of(), "web-asg"), List.of(i), 1, 1, 25.0,
                List.of(), null, List.of(), null, List.of(), List.of(), Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ZERO,
                Duration.ofMinutes(10), List.of());
        List<CapacitySample> capacity = List.of(new CapacitySample(T0, 6), new CapacitySample(T0.plusSeconds(10), 6),
                new CapacitySample(T0.plusSeconds(160), 5), new CapacitySample(T0.plusSeconds(240), 6));
        StepResult step = new StepResult(1, List.of(i.instanceId()), "EXT1", "EXP1", "completed", "Experiment completed.",
                T0.plusSeconds(30), T0.plusSeconds(150), false);
        List<TimelineEntry> timeline = List.of(new TimelineEntry(T0.plusSeconds(30), TimelineKind.REBALANCE, i.instanceId(), "rebalance recommendation"),
                new TimelineEntry(T0.plusSeconds(150), TimelineKind.COMMAND, null, "curl -H 'Authorization: Bearer abc.def.ghi' failed"));
        return new GamedayResult(plan, T0, T0, T0.plusSeconds(250), outcome, reason, timeline, List.of(step), invocations, capacity, 6,
                outcome == Outcome.COMPLETED ? Duration.ofSeconds(90) : null, requests, guard, List.of(), workloads, null);
    }

    private static SloResult slo(RunRecord r, String key) {
        return r.slos().stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void aCompletedGameDayIsJudgedLikeALocalRun() throws Exception {
        Scenario s = scenario("  recoveryTime.max: \"< 5m\"\n  healthyCapacity.min: \">= 5\"\n", null);

        RunRecord r = GamedayRecord.of(s, result(Outcome.COMPLETED, null, null, null));

        assertThat(r.exitCode()).isZero();
        assertThat(r.target()).isEqualTo("aws:us-east-1");
        assertThat(r.seed()).isEqualTo(7);
        assertThat(r.outcome()).isEqualTo("completed");
        assertThat(slo(r, "recoveryTime.max").measuredText()).isEqualTo("1m30s");
        assertThat(r.measures().minHealthyCapacity()).isEqualTo(5);
        assertThat(r.measures().desiredCapacity()).isEqualTo(6);
        // One row per second: steady, interrupted from the experiment's start (30s) to the interruption (150s), recovering until
        // EC2 shows 6 again (the 240s poll); capacity from the last poll at or before each second.
        assertThat(r.seconds()).hasSize(251);
        assertThat(List.of(0, 29, 30, 149, 150, 239, 240)).extracting(i -> r.seconds().get(i).phase())
                .containsExactly("steady", "steady", "interrupted", "interrupted", "recovering", "recovering", "steady");
        assertThat(List.of(0, 159, 160, 239, 240)).extracting(i -> r.seconds().get(i).healthyCapacity()).containsExactly(6, 6, 5, 5, 6);
        assertThat(r.timeline()).extracting(e -> e.detail()).contains("curl -H 'Authorization: Bearer ****' failed");

        RecordFiles.write(dir, r);
        JsonNode json = RecordFiles.json().readTree(Files.readString(dir.resolve("run.json")));
        assertThat(json.path("target").asText()).isEqualTo("aws:us-east-1");
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("PASSED");
    }

    @Test
    void whatAwsCannotShowReadsNoDataAndBreaks() {
        Scenario s = scenario("  drainTime.p95: \"< 60s\"\n  killedWorkloads: \"== 0\"\n  failedRequests.percent: \"< 1\"\n"
                + "  latency.p99@interrupted: \"< 1s\"\n", null);

        RunRecord r = GamedayRecord.of(s, result(Outcome.COMPLETED, null, null, null));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.slos()).allSatisfy(x -> assertThat(x.holds()).isFalse()).allSatisfy(x -> assertThat(x.measuredText()).isEqualTo("no data"));
        assertThat(slo(r, "drainTime.p95").message()).contains("no interrupted workload was observed");
        assertThat(slo(r, "failedRequests.percent").message()).contains("no load generator reported request figures");
        assertThat(slo(r, "latency.p99@interrupted").message()).contains("per-phase figures come from spotsim load");
    }

    /** A generator's output: spotsim load's two lines, {@code perSecond} requests a second from {@code from} for {@code seconds}, one 502 in ten. */
    private static Invocation generator(String instanceId, int from, int seconds, int perSecond, long latencyMicros) {
        FiguresRecorder rec = new FiguresRecorder();
        int n = 0;
        for (int s = from; s < from + seconds; s++) {
            for (int i = 0; i < perSecond; i++) {
                rec.record(T0.plusSeconds(s).plusMillis(i * 10L), latencyMicros, ++n % 10 == 0 ? "502" : null);
            }
        }
        LoadFigures f = rec.figures(java.net.URI.create("https://web.staging.example.com"), T0, T0.plusSeconds(from + seconds));
        String out = "spotsim-load {\"requests\":" + f.requests() + ",\"failures\":" + f.failures() + "}\n"
                + FiguresCodec.line(f, FiguresCodec.SSM_LINE_BUDGET) + "\n";
        return new Invocation("cmd-1", instanceId, InvocationStatus.SUCCESS, "Success", 0, out, "", false, false, null, null);
    }

    @Test
    void everyGeneratorsFiguresMergeIntoOneLoadWithSecondsPhasesAndLatency() {
        Scenario s = scenario("  failedRequests.percent@interrupted: \"< 20\"\n  latency.p95: \"< 100ms\"\n", null);
        List<Invocation> generators = List.of(generator("i-0loadgen1", 5, 200, 10, 20_000), generator("i-0loadgen2", 5, 200, 10, 60_000));

        RunRecord r = GamedayRecord.of(s, result(Outcome.COMPLETED, null, null, null, generators, List.of()));

        assertThat(r.measures().total().requests()).isEqualTo(4000);
        assertThat(r.measures().total().failures()).isEqualTo(400);
        assertThat(r.measures().total().failuresByCause()).containsEntry("502", 400L);
        // 120 s of the interrupted phase (30s..150s) at 20 requests a second from both generators.
        assertThat(r.measures().phases().get("interrupted").requests()).isEqualTo(2400);
        assertThat(r.seconds().get(10).requests()).isEqualTo(20);
        assertThat(r.seconds().get(4).requests()).isZero();
        // Half the requests took 20 ms, half 60 ms: the merged p95 is the slow generator's.
        assertThat(slo(r, "latency.p95").measured()).as("seconds").isBetween(0.059, 0.061);
        assertThat(slo(r, "failedRequests.percent@interrupted").holds()).isTrue();
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void observedDrainsFeedTheDrainSlosUnderTheLocalKeys() {
        Scenario s = scenario("  drainTime.p95: \"< 20s\"\n  detectionLatency.max: \"< 15s\"\n  killedWorkloads: \"== 0\"\n", null);
        Instant notice = T0.plusSeconds(30);
        List<WorkloadObservation> seen = List.of(
                new WorkloadObservation("task-a", "i-00000000000000a01", "ecs-task", notice, notice.plusSeconds(10), notice.plusSeconds(10),
                        notice.plusSeconds(12), notice.plusSeconds(15), null, 0),
                new WorkloadObservation("task-b", "i-00000000000000a01", "ecs-task", notice, notice.plusSeconds(10), notice.plusSeconds(10),
                        notice.plusSeconds(12), null, notice.plusSeconds(42), 137));

        RunRecord r = GamedayRecord.of(s, result(Outcome.COMPLETED, null, null, null, List.of(), seen));

        assertThat(r.workloads()).hasSize(2);
        assertThat(slo(r, "drainTime.p95").measuredText()).isEqualTo("15s");
        assertThat(slo(r, "detectionLatency.max").holds()).isTrue();
        assertThat(slo(r, "killedWorkloads").measured()).isEqualTo(1);
        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void generatorFiguresFeedTheRequestSlos() {
        Scenario s = scenario("  failedRequests.percent: \"< 1\"\n  failedRequests.count: \"<= 1\"\n", null);

        RunRecord r = GamedayRecord.of(s, result(Outcome.COMPLETED, null, new LoadSummary(1000, 2), null));

        assertThat(slo(r, "failedRequests.percent").holds()).isTrue();
        assertThat(slo(r, "failedRequests.count").holds()).isFalse();
        assertThat(r.measures().total().requests()).isEqualTo(1000);
        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void theGameDaysOwnSlosReplaceTheScenarios() {
        Scenario s = scenario("  drainTime.p95: \"< 60s\"\n", "    recoveryTime.max: \"< 5m\"\n");

        RunRecord r = GamedayRecord.of(s, result(Outcome.COMPLETED, null, null, null));

        assertThat(r.slos()).extracting(SloResult::key).containsExactly("recoveryTime.max");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void aBrokenStopConditionBreaksTheGate() {
        Scenario s = scenario("  recoveryTime.max: \"< 5m\"\n", null);

        RunRecord r = GamedayRecord.of(s, result(Outcome.STOPPED, "stop condition healthyCapacity.min broken", null,
                new GamedayResult.BrokenGuard("healthyCapacity.min", ">= 6", 5)));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.outcome()).isEqualTo("stopped");
        assertThat(slo(r, "stopConditions.healthyCapacity.min").message())
                .isEqualTo("stop condition healthyCapacity.min = 5, expected >= 6: the game day was stopped");
    }

    @Test
    void ctrlCLeavesNoVerdict() {
        RunRecord r = GamedayRecord.of(scenario("  recoveryTime.max: \"< 5m\"\n", null), result(Outcome.INTERRUPTED, "interrupted (Ctrl-C)", null, null));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.error()).isEqualTo("interrupted (Ctrl-C)");
        assertThat(r.outcome()).isEqualTo("interrupted");
    }
}
