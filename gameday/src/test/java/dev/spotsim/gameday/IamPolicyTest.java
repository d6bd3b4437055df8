package dev.spotsim.gameday;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotsim.gameday.aws.AwsClients;
import dev.spotsim.gameday.ec2.Ec2Targets;
import dev.spotsim.gameday.drain.DrainReaders;
import dev.spotsim.gameday.drain.DrainSources;
import dev.spotsim.gameday.drain.EcsReader;
import dev.spotsim.gameday.drain.TargetReader;
import dev.spotsim.gameday.fake.FakeAws;
import dev.spotsim.gameday.fake.FakeDrain;
import dev.spotsim.gameday.fake.Fleets;
import dev.spotsim.gameday.fis.FisExperiments;
import dev.spotsim.gameday.plan.GamedayPlan;
import dev.spotsim.gameday.plan.PlanOptions;
import dev.spotsim.gameday.plan.Planner;
import dev.spotsim.gameday.run.GamedayRun;
import dev.spotsim.reports.record.Outcome;
import dev.spotsim.gameday.ssm.SsmLoadDrivers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The IAM files in gameday/iam/ against what the tool really calls: a game day stopped by a guard
 * makes every call there is (discovery, SSM send, track and cancel, FIS create, start, poll, stop,
 * delete), and the tool's policy allows exactly those, plus what AWS authorizes alongside them.
 */
class IamPolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Authorized as part of CreateExperimentTemplate / StartExperiment (tags on create, passing the role), never called on their own. */
    private static final Set<String> IMPLIED = Set.of("fis:TagResource", "iam:PassRole");

    private static JsonNode read(String name) throws IOException {
        return JSON.readTree(Path.of("iam", name).toFile());
    }

    private static Set<String> actions(JsonNode policy) {
        Set<String> actions = new TreeSet<>();
        for (JsonNode statement : policy.path("Statement")) {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            JsonNode a = statement.path("Action");
            (a.isArray() ? a : JSON.createArrayNode().add(a)).forEach(x -> actions.add(x.asText()));
        }
        return actions;
    }

    /** The IAM prefix of each drain read. */
    private static final java.util.Map<String, String> DRAIN_PREFIX = java.util.Map.of("DescribeAutoScalingGroups", "autoscaling",
            "DescribeAutoScalingInstances", "autoscaling", "DescribeTargetHealth", "elasticloadbalancing", "ListTasks", "ecs",
            "DescribeTasks", "ecs", "ListContainerInstances", "ecs", "DescribeContainerInstances", "ecs");

    @Test
    void theToolsPolicyAllowsExactlyTheCallsAGameDayMakes() throws IOException {
        Set<String> called = new TreeSet<>();
        try (FakeAws aws = new FakeAws(); AwsClients clients = AwsClients.create(aws.settings())) {
            Fleets.standard(aws).forEach(aws.drain::task);
            Ec2Targets ec2 = new Ec2Targets(clients.ec2());
            SsmLoadDrivers ssm = new SsmLoadDrivers(clients.ssm());
            GamedayPlan plan = new Planner(ec2, ssm, "aws", "us-east-1").plan(
                    // 4 healthy targets at the start: the first drained one (after FIS started) breaks the guard.
                    Fleets.scenario(Fleets.SCENARIO.replace("healthyCapacity.min: \">= 3\"", "healthyCapacity.min: \">= 4\"")), PlanOptions.of("run-1"));
            DrainReaders drain = new DrainReaders(new DrainSources("web-asg", List.of(), FakeDrain.CLUSTER),
                    new TargetReader(clients.elbv2(), clients.autoscaling()), new EcsReader(clients.ecs(), FakeDrain.CLUSTER));
            assertThat(new GamedayRun(plan, "aws", ec2, new FisExperiments(clients.fis()), ssm, aws.clock, null, drain).execute().outcome())
                    .isEqualTo(Outcome.STOPPED);
            aws.drainCalls().forEach(c -> called.add(DRAIN_PREFIX.get(c) + ":" + c));
            aws.ec2Actions().forEach(a -> called.add("ec2:" + a));
            aws.ssmOperations().forEach(o -> called.add("ssm:" + o));
            aws.fisCalls().forEach(c -> called.add("fis:" + fisAction(c)));
        }
        Set<String> allowed = actions(read("spotsim-gameday-policy.json"));

        assertThat(called).containsExactlyInAnyOrder("ec2:DescribeInstances", "ssm:DescribeInstanceInformation", "ssm:SendCommand",
                "ssm:ListCommandInvocations", "ssm:GetCommandInvocation", "ssm:CancelCommand", "fis:CreateExperimentTemplate",
                "fis:StartExperiment", "fis:GetExperiment", "fis:StopExperiment", "fis:DeleteExperimentTemplate",
                "autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeAutoScalingInstances", "elasticloadbalancing:DescribeTargetHealth",
                "ecs:ListTasks", "ecs:DescribeTasks", "ecs:ListContainerInstances", "ecs:DescribeContainerInstances");
        Set<String> expected = new TreeSet<>(called);
        expected.addAll(IMPLIED);
        // The run's event queue (SQS + EventBridge): these fakes do not serve it; EventQueueOnSimulatorTest (cli) checks that
        // the calls it makes against the simulator are exactly EventQueue.IAM_ACTIONS.
        expected.addAll(dev.spotsim.gameday.events.EventQueue.IAM_ACTIONS);
        assertThat(allowed).isEqualTo(expected);
        assertThat(allowed).noneMatch(a -> a.contains("*"));
    }

    private static String fisAction(String call) {
        String[] parts = call.split(" ");
        boolean template = parts[1].startsWith("/experimentTemplates");
        boolean one = parts[1].chars().filter(c -> c == '/').count() > 1;
        return switch (parts[0]) {
            case "POST" -> template ? "CreateExperimentTemplate" : "StartExperiment";
            case "GET" -> template ? "GetExperimentTemplate" : one ? "GetExperiment" : "ListExperiments";
            case "DELETE" -> template ? "DeleteExperimentTemplate" : "StopExperiment";
            default -> call;
        };
    }

    @Test
    void theExperimentRoleCanOnlyInterruptAndOnlyFisMayAssumeIt() throws IOException {
        // The action's permissions: https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html#send-spot-instance-interruptions
        assertThat(actions(read("fis-experiment-role-policy.json"))).containsExactlyInAnyOrder("ec2:SendSpotInstanceInterruptions",
                "ec2:DescribeInstances");
        JsonNode trust = read("fis-experiment-role-trust.json");
        List<String> principals = new ArrayList<>();
        trust.path("Statement").forEach(s -> principals.add(s.at("/Principal/Service").asText()));
        assertThat(principals).containsExactly("fis.amazonaws.com");
        assertThat(actions(trust)).containsExactly("sts:AssumeRole");
        assertThat(trust.at("/Statement/0/Condition/StringEquals/aws:SourceAccount").asText()).isNotEmpty();
    }
}
