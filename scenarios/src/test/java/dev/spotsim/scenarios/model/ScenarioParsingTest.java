package dev.spotsim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.scenarios.parse.InputException;
import dev.spotsim.scenarios.parse.StructuredReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioParsingTest {
    private static final String GOOD = """
            name: web-ecs-drain
            fleet:
              group: {desired: 6, strategy: capacity-optimized, launchDelay: 20s}
              pools: [{type: c5.large, az: us-east-1a}, {type: m5.large, az: us-east-1b}]
            workload:
              lane: ecs-ec2
              command: "java examples/workloads/DrainAwareService.java"
              port: auto
              stopTimeout: 30s
              healthCheck: {path: /health, interval: 2s, timeout: 1s, healthyThreshold: 2}
            loadBalancer: {deregistrationDelay: 15s}
            load:
              rps: 100
              duration: 3m
              requests: [{name: home, method: GET, path: /}]
            interruptions:
              - at: 30s
                rebalanceLead: 10s
                notice: 2m
                select: {count: 2, from: {pool: c5.large/us-east-1a}}
            slos:
              drainTime.p95: "< 60s"
              killedWorkloads: "== 0"
              failedRequests.percent@interrupted: "< 0.5"
              recoveryTime.max: "< 90s"
            seed: 42
            """;

    private final StructuredReader reader = new StructuredReader();

    private Scenario read(String yaml) {
        return reader.read(yaml, "s.yaml", false, Scenario.class);
    }

    @Test
    void readsTheDesignExample() {
        Scenario s = read(GOOD);
        assertThat(s.fleet().group().desired()).isEqualTo(6);
        assertThat(s.workload().lane()).isEqualTo(Lane.ECS_EC2);
        assertThat(s.workload().pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.interruptions().get(0).select().pool()).isEqualTo("c5.large/us-east-1a");
        assertThat(s.parsedSlos()).extracting(Slo::key).containsExactly("drainTime.p95", "failedRequests.percent@interrupted",
                "killedWorkloads", "recoveryTime.max");
        Slo drain = s.parsedSlos().get(0);
        assertThat(drain.threshold()).isEqualTo(60.0);
        assertThat(drain.operator().holds(59.9, drain.threshold())).isTrue();
        assertThat(drain.thresholdText()).isEqualTo("1m");
        assertThat(s.parsedSlos().get(1).phase()).isEqualTo(Slo.Phase.INTERRUPTED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown field|  rps: 100|  rsp: 100|s.yaml:13:|load.rsp|unknown field \"rsp\"",
        "bad duration|  duration: 3m|  duration: 3 minutes|s.yaml:14:|load.duration|a duration like",
        "bad lane|  lane: ecs-ec2|  lane: ecs|s.yaml:|workload|expected one of ecs-ec2, fargate-spot, eks-nth, batch, app",
        "bad strategy|strategy: capacity-optimized|strategy: cheapest|s.yaml:|fleet.group|strategy: expected one of",
        "unknown metric|drainTime.p95|drainTme.p95|s.yaml:|slos|unknown metric \"drainTme\"",
        "bad phase|@interrupted|@during|s.yaml:|slos|unknown phase \"during\"",
        "bad condition|\"< 60s\"|\"under 60s\"|s.yaml:|slos|expected a condition like",
        "wrong type|desired: 6|desired: six|s.yaml:3:|fleet.group.desired|a whole number",
        "pool not in fleet|c5.large/us-east-1a}}|c5.large/us-east-1c}}|s.yaml:|interruptions[0]|not one of the fleet's pools",
        "notice too long|notice: 2m|notice: 20m|s.yaml:|interruptions[0]|at most 15m",
        "at after the load|at: 30s|at: 5m|s.yaml:|interruptions[0].at|after the load ends"
    })
    void errorsNameFileLineFieldAndWhatWasExpected(String name, String from, String to, String location, String field, String message) {
        String yaml = GOOD.replace(from, to);
        assertThat(yaml).as("test input changed").isNotEqualTo(GOOD);
        assertThatThrownBy(() -> read(yaml)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(location).hasMessageContaining(field).hasMessageContaining(message);
    }

    @Test
    void fargateCapsTheStopTimeout() {
        String yaml = GOOD.replace("lane: ecs-ec2", "lane: fargate-spot").replace("stopTimeout: 30s", "stopTimeout: 5m");
        assertThatThrownBy(() -> read(yaml)).hasMessageContaining("Fargate allows at most 120s");
    }

    @Test
    void sloGrammarRejectsStatsAMetricDoesNotHave() {
        assertThatThrownBy(() -> Slo.parse("killedWorkloads.p95", "== 0")).hasMessageContaining("has no statistic \"p95\"");
        assertThatThrownBy(() -> Slo.parse("drainTime.p95@steady", "< 1s")).hasMessageContaining("cannot be scoped to a phase");
        assertThatThrownBy(() -> Slo.parse("drainTime.p95", "< 60")).hasMessageContaining("expected a duration threshold");
        assertThat(Slo.parse("failedRequests.percent", "<= 0.5").thresholdText()).isEqualTo("0.5");
    }
}
