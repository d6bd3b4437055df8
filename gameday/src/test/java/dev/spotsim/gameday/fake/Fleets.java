package dev.spotsim.gameday.fake;

import dev.spotsim.gameday.ec2.TagSelector;
import dev.spotsim.scenarios.model.Scenario;
import dev.spotsim.scenarios.parse.StructuredReader;
import java.util.List;
import java.util.Map;

/** The fleet and scenario most game-day tests share: web-asg with Spot and On-Demand instances, two load generators. */
public final class Fleets {
    public static final Map<String, String> WEB = Map.of("Environment", "staging", TagSelector.GROUP_TAG, "web-asg");
    public static final Map<String, String> LOADGEN = Map.of("Role", "loadgen");
    public static final String SCENARIO = """
            name: web-gameday
            fleet:
              group: {desired: 6}
              pools: [{type: c5.large, az: us-east-1a}, {type: m5.large, az: us-east-1b}]
            workload: {lane: app, command: "true"}
            load: {rps: 50, duration: 5m, requests: [{name: home, path: /}]}
            interruptions:
              - at: 30s
                select: {count: 1, from: {pool: c5.large/us-east-1a}}
              - at: 3m
                rebalanceLead: 1m
                select: {count: 1}
            slos:
              recoveryTime.max: "< 5m"
              healthyCapacity.min: ">= 4"
            seed: 42
            gameday:
              targets: {tags: {Environment: staging}, autoScalingGroup: web-asg}
              loadGenerators: {tags: {Role: loadgen}, count: 2, command: "hey -z 5m https://staging.example.com/"}
              blastRadius: {maxInstances: 2, maxPercent: 34}
              fisRoleArn: arn:aws:iam::123456789012:role/spotsim-fis
              stopConditions: {healthyCapacity.min: ">= 3"}
            """;

    private Fleets() {
    }

    /** web-asg: 2 Spot c5.large in us-east-1a, 2 Spot m5.large in us-east-1b, 2 On-Demand; plus 2 online load generators. Returns the Spot ids. */
    public static List<String> standard(FakeAws aws) {
        String a = aws.ec2.add("c5.large", "us-east-1a", true, WEB).id();
        String b = aws.ec2.add("c5.large", "us-east-1a", true, WEB).id();
        String c = aws.ec2.add("m5.large", "us-east-1b", true, WEB).id();
        String d = aws.ec2.add("m5.large", "us-east-1b", true, WEB).id();
        aws.ec2.add("m5.large", "us-east-1a", false, WEB);
        aws.ec2.add("m5.large", "us-east-1b", false, WEB);
        for (int i = 0; i < 2; i++) {
            aws.ssm.managed(aws.ec2.add("c5.xlarge", "us-east-1a", false, LOADGEN).id(), "Online");
        }
        return List.of(a, b, c, d);
    }

    public static Scenario scenario(String yaml) {
        return new StructuredReader().read(yaml, "gameday.yaml", false, Scenario.class);
    }
}
