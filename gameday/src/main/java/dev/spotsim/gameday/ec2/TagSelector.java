package dev.spotsim.gameday.ec2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * A set of instances named by tags and, optionally, an Auto Scaling group (which tags its instances
 * {@code aws:autoscaling:groupName}). Becomes DescribeInstances {@code tag:<key>} filters.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html
 */
public record TagSelector(Map<String, String> tags, String autoScalingGroup) {
    /** The tag EC2 Auto Scaling puts on every instance it launches. https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-tagging.html */
    public static final String GROUP_TAG = "aws:autoscaling:groupName";

    public TagSelector {
        tags = tags == null ? Map.of() : Map.copyOf(new TreeMap<>(tags));
        if (tags.isEmpty() && autoScalingGroup == null) {
            throw new IllegalArgumentException("a selector needs tags or an Auto Scaling group");
        }
    }

    /** One {@code tag:<key>} filter per tag, the group's last; sorted, so requests repeat exactly. */
    public List<Filter> filters() {
        List<Filter> filters = new ArrayList<>();
        new TreeMap<>(tags).forEach((k, v) -> filters.add(filter("tag:" + k, v)));
        if (autoScalingGroup != null) {
            filters.add(filter("tag:" + GROUP_TAG, autoScalingGroup));
        }
        return filters;
    }

    /** For people: "Auto Scaling group web-asg, tag Environment=staging". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (autoScalingGroup != null) {
            parts.add("Auto Scaling group " + autoScalingGroup);
        }
        new TreeMap<>(tags).forEach((k, v) -> parts.add("tag " + k + "=" + v));
        return String.join(", ", parts);
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }
}
