package dev.spotsim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.scenarios.parse.InputException;
import dev.spotsim.scenarios.parse.StructuredReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GamedaySpecTest {
    private static final String BASE = """
            name: web-gameday
            fleet:
              group: {desired: 4}
              pools: [{type: c5.large, az: us-east-1a}]
            workload: {lane: app, command: "true"}
            """;
    private static final String GAMEDAY = """
            gameday:
              targets: {tags: {Environment: staging}, autoScalingGroup: web-asg}
              loadGenerators: {tags: {Role: loadgen}, count: 2, command: "hey -z 5m https://staging.example.com/", executionTimeout: 10m}
              blastRadius: {maxInstances: 2, maxPercent: 34}
              fisRoleArn: arn:aws:iam::123456789012:role/spotsim-fis
              stopAlarms: [arn:aws:cloudwatch:us-east-1:123456789012:alarm:api-5xx]
              stopConditions: {healthyCapacity.min: ">= 3"}
              pollInterval: 5s
            """;

    private final StructuredReader reader = new StructuredReader();

    private Scenario read(String yaml) {
        return reader.read(yaml, "g.yaml", false, Scenario.class);
    }

    @Test
    void aScenarioWithoutAGamedaySectionStillReads() {
        assertThat(read(BASE).gameday()).isNull();
    }

    @Test
    void readsEveryGamedayFieldAndFillsDefaults() {
        GamedaySpec g = read(BASE + GAMEDAY).gameday();
        assertThat(g.targets().tags()).containsEntry("Environment", "staging");
        assertThat(g.targets().autoScalingGroup()).isEqualTo("web-asg");
        assertThat(g.loadGenerators().count()).isEqualTo(2);
        assertThat(g.loadGenerators().executionTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(g.loadGenerators().deliveryTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(g.blastRadius().maxPercent()).isEqualTo(34.0);
        assertThat(g.parsedStopConditions()).singleElement().satisfies(s -> {
            assertThat(s.metric()).isEqualTo(Slo.Metric.HEALTHY_CAPACITY);
            assertThat(s.threshold()).isEqualTo(3.0);
        });
        assertThat(g.pollInterval()).isEqualTo(Duration.ofSeconds(5));

        GamedaySpec minimal = read(BASE + "gameday: {targets: {autoScalingGroup: web-asg}}\n").gameday();
        assertThat(minimal.blastRadius()).isEqualTo(new GamedaySpec.BlastRadius(1, 25.0));
        assertThat(minimal.pollInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(minimal.loadGenerators()).isNull();
    }

    @Test
    void guardsOnTheShareOfCapacityParse() {
        // minPercent is healthyCapacity's second statistic: a camel-case statistic must parse.
        GamedaySpec g = read(BASE + GAMEDAY.replace("healthyCapacity.min: \">= 3\"", "healthyCapacity.minPercent: \">= 50\"")).gameday();

        assertThat(g.parsedStopConditions()).singleElement().satisfies(s -> assertThat(s.stat()).isEqualTo("minPercent"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no targets|  targets: {tags: {Environment: staging}, autoScalingGroup: web-asg}|  targets: {}|gameday.targets|expected tags, autoScalingGroup or both",
        "unknown field|maxPercent: 34|maxPercnt: 34|gameday.blastRadius.maxPercnt|unknown field \"maxPercnt\"",
        "percent above 100|maxPercent: 34|maxPercent: 340|gameday.blastRadius|maxPercent: expected above 0 and at most 100",
        "bad role|role/spotsim-fis|user/spotsim-fis|gameday|fisRoleArn: expected an IAM role ARN",
        "bad alarm|alarm:api-5xx|metric:api-5xx|gameday|stopAlarms[0]: expected a CloudWatch alarm ARN",
        "unguardable metric|healthyCapacity.min: \">= 3\"|drainTime.p95: \"< 60s\"|gameday|stopConditions.drainTime.p95: a game day can watch",
        "phase on a guard|healthyCapacity.min: \">= 3\"|failedRequests.percent@interrupted: \"< 1\"|gameday|stopConditions.failedRequests.percent@interrupted: a stop condition holds for the whole run",
        "guard grammar|\">= 3\"|\"at least 3\"|gameday|stopConditions.healthyCapacity.min: expected a condition like",
        "no command|command: \"hey -z 5m https://staging.example.com/\", ||gameday.loadGenerators|command or gatling: required",
        "command and gatling|count: 2, |count: 2, gatling: {url: \"https://web.example.com\"}, |gameday.loadGenerators|command, gatling: give one of them, not both",
        "gatling without a URL|command: \"hey -z 5m https://staging.example.com/\"|gatling: {url: web.example.com}|gameday.loadGenerators.gatling|gatling.url: expected the staging URL",
        "execution too long|executionTimeout: 10m|executionTimeout: 3d|gameday.loadGenerators|AWS-RunShellScript allows 1s..48h",
        "poll too fast|pollInterval: 5s|pollInterval: 100ms|gameday|pollInterval: expected 1s..5m"
    })
    void errorsNameTheGamedayField(String name, String from, String to, String field, String message) {
        String yaml = BASE + GAMEDAY.replace(from, to == null ? "" : to);
        assertThat(yaml).as("test input changed").isNotEqualTo(BASE + GAMEDAY);
        assertThatThrownBy(() -> read(yaml)).isInstanceOf(InputException.class)
                .hasMessageStartingWith("g.yaml:").hasMessageContaining(field).hasMessageContaining(message);
    }
}
