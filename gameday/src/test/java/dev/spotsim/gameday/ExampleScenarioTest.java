package dev.spotsim.gameday;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.gameday.aws.AwsClients;
import dev.spotsim.gameday.ec2.Ec2Targets;
import dev.spotsim.gameday.ec2.TagSelector;
import dev.spotsim.gameday.fake.FakeAws;
import dev.spotsim.gameday.fake.FakeSsm.Script;
import dev.spotsim.gameday.fis.FisExperiments;
import dev.spotsim.gameday.plan.GamedayPlan;
import dev.spotsim.gameday.plan.PlanOptions;
import dev.spotsim.gameday.plan.Planner;
import dev.spotsim.gameday.run.GamedayResult;
import dev.spotsim.gameday.run.GamedayRun;
import dev.spotsim.reports.record.Outcome;
import dev.spotsim.gameday.ssm.LoadSummary;
import dev.spotsim.gameday.ssm.SsmLoadDrivers;
import dev.spotsim.scenarios.model.LoadSpec;
import dev.spotsim.scenarios.model.Scenario;
import dev.spotsim.scenarios.parse.StructuredReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example the walkthrough uses (gameday/examples/web-gameday.yaml) plans and plays on the fakes. */
class ExampleScenarioTest {
    @Test
    void theWalkthroughsExamplePlansAndPlaysToTheEnd() {
        Scenario scenario = new StructuredReader().read(Path.of("examples", "web-gameday.yaml"), Scenario.class);
        try (FakeAws aws = new FakeAws(); AwsClients clients = AwsClients.create(aws.settings())) {
            Map<String, String> web = Map.of("Environment", "staging", TagSelector.GROUP_TAG, "web-asg");
            for (String pool : new String[] {"c5.large/us-east-1a", "c5.large/us-east-1a", "m5.large/us-east-1b", "m5.large/us-east-1b",
                    "m5.large/us-east-1a", "c5.large/us-east-1b"}) {
                aws.ec2.add(pool.split("/")[0], pool.split("/")[1], true, web);
            }
            for (int i = 0; i < 2; i++) {
                aws.ssm.managed(aws.ec2.add("c5.xlarge", "us-east-1a", false, Map.of("Role", "loadgen", "Environment", "staging")).id(), "Online");
            }
            aws.ssm.defaultScript = Script.succeeding(Duration.ofMinutes(10), "Status code distribution: ...\nspotsim-load {\"requests\":29900,\"failures\":20}\n");
            Ec2Targets ec2 = new Ec2Targets(clients.ec2());
            SsmLoadDrivers ssm = new SsmLoadDrivers(clients.ssm());

            GamedayPlan plan = new Planner(ec2, ssm, "aws", "us-east-1").plan(scenario, PlanOptions.of("walkthrough"));
            GamedayResult result = new GamedayRun(plan, "aws", ec2, new FisExperiments(clients.fis()), ssm, aws.clock, null).execute();

            assertThat(plan.steps()).hasSize(2);
            assertThat(plan.steps().get(0).durationBeforeInterruption()).isEqualTo(Duration.ofMinutes(3));
            assertThat(plan.steps().get(1).instances().get(0).availabilityZone()).isEqualTo("us-east-1b");
            assertThat(plan.notes()).isEmpty();
            assertThat(plan.loadCommand().commands()).hasSize(2);
            assertThat(result.outcome()).as(result.reason()).isEqualTo(Outcome.COMPLETED);
            assertThat(result.requests()).isEqualTo(new LoadSummary(59800, 40));
            assertThat(result.recoveryTime()).isNotNull();
        }
    }

    @Test
    void theLocalExampleSendsSpotsimLoadWithEachGeneratorsShareOfTheRate() throws Exception {
        Scenario scenario = new StructuredReader().read(Path.of("examples", "local-gameday.yaml"), Scenario.class);
        try (FakeAws aws = new FakeAws(); AwsClients clients = AwsClients.create(aws.settings())) {
            for (int i = 0; i < 4; i++) {
                aws.ec2.add("c5.large", "us-east-1a", true, Map.of(TagSelector.GROUP_TAG, "web-asg"));
            }
            for (int i = 0; i < 2; i++) {
                aws.ssm.managed(aws.ec2.add("c5.xlarge", "us-east-1a", false, Map.of("Role", "loadgen")).id(), "Online");
            }

            GamedayPlan plan = new Planner(new Ec2Targets(clients.ec2()), new SsmLoadDrivers(clients.ssm()), "aws", "us-east-1")
                    .plan(scenario, PlanOptions.of("local-example"));

            assertThat(plan.steps()).hasSize(2);
            assertThat(plan.notes()).isEmpty();
            String line = plan.loadCommand().commands().get(0);
            assertThat(line).startsWith("java --add-opens=java.base/java.lang=ALL-UNNAMED -jar /opt/spotsim/spotsim.jar load --url "
                    + "'https://web.staging.example.com' --load-base64 ").contains(" --rps 10 --ssm ");
            String section = new String(java.util.Base64.getDecoder().decode(line.replaceAll(".*--load-base64 (\\S+) .*", "$1")),
                    java.nio.charset.StandardCharsets.UTF_8);
            LoadSpec load = new StructuredReader().read(section, "load", true, LoadSpec.class);
            assertThat(load).isEqualTo(scenario.load());
        }
    }
}
