package dev.spotsim.simulator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The conformance checker itself finds what it is meant to find. */
class ModelConformanceCheckerTest {
    @Test
    void unknownMembersWrongEnumsWrongItemNamesAndMissingRequiredMembersAreReported() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(ModelConformance.BOTOCORE.resolve("ec2")), "python3-botocore is not installed");
        ModelConformance ec2 = ModelConformance.load("ec2", "2016-11-15");
        String bad = "<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>x</requestId>"
                + "<reservationSet><member><instancesSet><item><instanceState><code>16</code><name>runing</name></instanceState>"
                + "<colour>blue</colour><launchTime>yesterday</launchTime></item></instancesSet></member></reservationSet></DescribeInstancesResponse>";
        assertThat(ec2.check("DescribeInstances", bad)).anySatisfy(p -> assertThat(p).contains("list item member, model says item"))
                .anySatisfy(p -> assertThat(p).contains("runing is not one of InstanceStateName"))
                .anySatisfy(p -> assertThat(p).contains("colour is not a member of Instance"))
                .anySatisfy(p -> assertThat(p).contains("ISO 8601 timestamp expected, got yesterday"));

        ModelConformance asg = ModelConformance.load("autoscaling", "2011-01-01");
        String missing = "<DescribeAutoScalingGroupsResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\"><DescribeAutoScalingGroupsResult>"
                + "<AutoScalingGroups><member><AutoScalingGroupName>web</AutoScalingGroupName></member></AutoScalingGroups>"
                + "</DescribeAutoScalingGroupsResult></DescribeAutoScalingGroupsResponse>";
        assertThat(asg.check("DescribeAutoScalingGroups", missing)).anySatisfy(p -> assertThat(p).contains("required member MinSize"))
                .anySatisfy(p -> assertThat(p).contains("missing ResponseMetadata/RequestId"));
    }
}
