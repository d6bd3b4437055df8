package dev.spotsim.simulator.aws.autoscaling;

import dev.spotsim.simulator.aws.AwsException;
import dev.spotsim.simulator.aws.AwsRequest;
import dev.spotsim.simulator.aws.AwsResponse;
import dev.spotsim.simulator.aws.query.Page;
import dev.spotsim.simulator.aws.query.ParamErrors;
import dev.spotsim.simulator.aws.query.QueryParams;
import dev.spotsim.simulator.aws.query.QueryResponses;
import dev.spotsim.simulator.fleet.AutoScalingGroup;
import dev.spotsim.simulator.fleet.FleetException;
import dev.spotsim.simulator.instance.InstanceView;
import java.util.ArrayList;
import java.util.List;

/**
 * DescribeAutoScalingGroups, DescribeAutoScalingInstances, SetDesiredCapacity,
 * UpdateAutoScalingGroup, TerminateInstanceInAutoScalingGroup and DescribeScalingActivities.
 * https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_Operations.html
 */
final class GroupOperations {
    private final Groups groups;
    private final ActivityLog activities;
    private final String account;

    GroupOperations(Groups groups, ActivityLog activities, String account) {
        this.groups = groups;
        this.activities = activities;
        this.account = account;
    }

    static AwsException badToken() {
        return AwsException.badRequest("InvalidNextToken", "The token you provided is invalid.");
    }

    private static QueryParams params(AwsRequest request) {
        return QueryParams.of(request, ParamErrors.VALIDATION);
    }

    AwsResponse describeGroups(AwsRequest request) {
        QueryParams p = params(request);
        List<String> names = p.list("AutoScalingGroupNames.member");
        int max = orDefault(p.integer("MaxRecords", 1, 100), 50);
        boolean tagFilter = false;
        for (QueryParams f : p.structs("Filters.member")) {
            String name = f.required("Name");
            if (!name.startsWith("tag:") && !name.equals("tag-key") && !name.equals("tag-value")) {
                throw AwsException.badRequest("ValidationError", "Filter name '" + name + "' is invalid: expected tag:<key>, tag-key or tag-value");
            }
            tagFilter = true;
        }
        boolean anyTag = tagFilter; // spotsim's groups carry no tags: a tag filter matches none
        List<AutoScalingGroup> matching = groups.inRegion(request).stream().filter(g -> names.isEmpty() || names.contains(g.name()))
                .filter(g -> !anyTag).toList();
        Page<AutoScalingGroup> page = Page.of(matching, p.string("NextToken"), max, badToken());
        return QueryResponses.query(request, AutoScalingService.NAMESPACE, x -> {
            x.list("AutoScalingGroups", "member", page.items(),
                    (w, g) -> GroupXml.group(w, g, groups.instancesOf(g), request.region(), account, groups.createdTime(g)));
            x.element("NextToken", page.nextToken());
        });
    }

    /** Unknown instance ids are left out, as AWS leaves them out. */
    AwsResponse describeInstances(AwsRequest request) {
        QueryParams p = params(request);
        List<String> ids = p.list("InstanceIds.member");
        int max = orDefault(p.integer("MaxRecords", 1, 50), 50);
        record Member(AutoScalingGroup group, InstanceView instance) {
        }
        List<Member> all = new ArrayList<>();
        for (AutoScalingGroup g : groups.inRegion(request)) {
            groups.instancesOf(g).stream().filter(v -> ids.isEmpty() || ids.contains(v.instanceId())).forEach(v -> all.add(new Member(g, v)));
        }
        Page<Member> page = Page.of(all, p.string("NextToken"), max, badToken());
        return QueryResponses.query(request, AutoScalingService.NAMESPACE, x -> {
            x.list("AutoScalingInstances", "member", page.items(), (w, m) -> GroupXml.instance(w, m.group(), m.instance(), true));
            x.element("NextToken", page.nextToken());
        });
    }

    AwsResponse setDesiredCapacity(AwsRequest request) {
        QueryParams p = params(request);
        AutoScalingGroup g = groups.named(request, p.required("AutoScalingGroupName"));
        Integer desired = p.integer("DesiredCapacity", 0, 100_000);
        if (desired == null) {
            throw ParamErrors.VALIDATION.missing("DesiredCapacity");
        }
        if (desired > g.maxSize()) {
            throw AwsException.badRequest("ValidationError", "New SetDesiredCapacity value " + desired + " is above max value " + g.maxSize()
                    + " for the AutoScalingGroup.");
        }
        if (desired < g.minSize()) {
            throw AwsException.badRequest("ValidationError", "New SetDesiredCapacity value " + desired + " is below min value " + g.minSize()
                    + " for the AutoScalingGroup.");
        }
        g.setDesired(desired);
        return QueryResponses.query(request, AutoScalingService.NAMESPACE, null);
    }

    AwsResponse updateGroup(AwsRequest request) {
        QueryParams p = params(request);
        AutoScalingGroup g = groups.named(request, p.required("AutoScalingGroupName"));
        try {
            g.update(p.integer("MinSize", 0, 100_000), p.integer("MaxSize", 0, 100_000), p.integer("DesiredCapacity", 0, 100_000),
                    p.bool("CapacityRebalance"));
        } catch (IllegalArgumentException e) {
            throw AwsException.badRequest("ValidationError", e.getMessage());
        }
        return QueryResponses.query(request, AutoScalingService.NAMESPACE, null);
    }

    AwsResponse terminateInstance(AwsRequest request) {
        QueryParams p = params(request);
        String id = p.required("InstanceId");
        Boolean decrement = p.bool("ShouldDecrementDesiredCapacity");
        if (decrement == null) {
            throw ParamErrors.VALIDATION.missing("ShouldDecrementDesiredCapacity");
        }
        AutoScalingGroup g = groups.owning(request, id).orElseThrow(() -> AwsException.badRequest("ValidationError",
                "Instance Id not found - No managed instance found for instance ID: " + id));
        try {
            g.terminateInstance(id, decrement);
        } catch (FleetException | IllegalArgumentException e) {
            throw AwsException.badRequest("ValidationError", e.getMessage());
        }
        ActivityLog.Activity a = activities.latest(id, false);
        return QueryResponses.query(request, AutoScalingService.NAMESPACE, x -> {
            x.start("Activity");
            GroupXml.activity(x, activities, a, request.region(), account);
            x.end();
        });
    }

    AwsResponse describeActivities(AwsRequest request) {
        QueryParams p = params(request);
        String name = p.string("AutoScalingGroupName");
        if (name != null) {
            groups.named(request, name);
        }
        List<String> ids = p.list("ActivityIds.member");
        int max = orDefault(p.integer("MaxRecords", 1, 100), 100);
        List<String> regionGroups = groups.inRegion(request).stream().map(AutoScalingGroup::name).toList();
        List<ActivityLog.Activity> matching = activities.list(name).stream().filter(a -> regionGroups.contains(a.groupName))
                .filter(a -> ids.isEmpty() || ids.contains(a.activityId)).toList();
        Page<ActivityLog.Activity> page = Page.of(matching, p.string("NextToken"), max, badToken());
        return QueryResponses.query(request, AutoScalingService.NAMESPACE, x -> {
            x.list("Activities", "member", page.items(), (w, a) -> GroupXml.activity(w, activities, a, request.region(), account));
            x.element("NextToken", page.nextToken());
        });
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
