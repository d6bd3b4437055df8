package dev.spotsim.gameday.ec2;

import java.time.Instant;
import java.util.Map;

/**
 * An EC2 instance as a game day needs it: identity, placement, lifecycle ("spot" or null for
 * On-Demand, as DescribeInstances reports {@code instanceLifecycle}), state name and the owning account.
 */
public record Ec2Instance(String instanceId, String instanceType, String availabilityZone, String state, String lifecycle,
                          Instant launchTime, String ownerId, Map<String, String> tags) {
    public Ec2Instance {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** The Spot pool, as scenarios name it: "c5.large/us-east-1a". */
    public String pool() {
        return instanceType + "/" + availabilityZone;
    }

    public boolean isSpot() {
        return "spot".equals(lifecycle);
    }

    public boolean isRunning() {
        return "running".equals(state);
    }

    /** arn:partition:ec2:region:account:instance/id, the form FIS targets take. https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html#amazonec2-resources-for-iam-policies */
    public String arn(String partition, String region) {
        return "arn:" + partition + ":ec2:" + region + ":" + ownerId + ":instance/" + instanceId;
    }
}
